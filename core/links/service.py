"""Making, checking, using and revoking client links.

A token is an itsdangerous ``URLSafeTimedSerializer`` signature over a random nonce and the
record, salted with the purpose, so a token made to view an offer never passes as one to
accept it. The table keeps only the token's SHA-256; expiry, single use and revocation are
decided by the row, which the signature alone could not do.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import func, select, update

from core.db import session, utcnow
from core.i18n import format_datetime
from core.i18n import gettext as _
from core.identity import current_principal
from core.kernel import kontora
from core.links.errors import LinkExpired, LinkInvalid, LinkRevoked, LinkUsed
from core.links.models import ClientLink

SALT_PREFIX = "kontora.client-link."
PURPOSES_EXTENSION = "kontora.link-purposes"


def purposes() -> dict[str, str]:
    """Declared purposes of the current app: ``{purpose: endpoint of its public view}``."""
    return current_app.extensions.get(PURPOSES_EXTENSION, {})


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"],
                                  salt=SALT_PREFIX + purpose)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create_link(purpose: str, kind: str, record_id: int, *, expires_in: timedelta,
                single_use: bool, data: dict[str, Any] | None = None) -> tuple[ClientLink, str]:
    """A new link row and its token (shown once: only its hash is kept)."""
    if purpose not in purposes():
        raise ValueError(f"no enabled plugin declares the link purpose {purpose!r} "
                         "(kontora_link_purposes)")
    if expires_in <= timedelta(0):
        raise ValueError("expires_in must be positive")
    token = _serializer(purpose).dumps({"n": secrets.token_urlsafe(16), "k": kind,
                                        "r": record_id})
    now = utcnow()
    link = ClientLink(token_hash=token_hash(token), purpose=purpose, record_kind=kind,
                      record_id=record_id, data=dict(data or {}), single_use=single_use,
                      created_at=now, expires_at=now + expires_in,
                      created_by_id=getattr(current_principal(), "user_id", None))
    session().add(link)
    session().flush()
    return link, token


def make_link(purpose: str, kind: str, record_id: int, *, expires_in: timedelta,
              single_use: bool, data: dict[str, Any] | None = None) -> str:
    """The absolute URL (under ``KONTORA_BASE_URL``) of a new link, for an e-mail."""
    _link, token = create_link(purpose, kind, record_id, expires_in=expires_in,
                               single_use=single_use, data=data)
    return link_url(token)


def link_url(token: str) -> str:
    return f"{kontora().settings.base_url}/l/{token}"


def find_link(token: str) -> ClientLink:
    """The row of a genuine token, whatever its state; LinkInvalid for anything else."""
    if not token or len(token) > 512:
        raise LinkInvalid(_("This link is not valid. Check that it was copied whole."))
    link = session().scalars(
        select(ClientLink).where(ClientLink.token_hash == token_hash(token))).first()
    if link is None:
        raise LinkInvalid(_("This link is not valid. Check that it was copied whole."))
    try:
        payload = _serializer(link.purpose).loads(token)
    except BadData:
        raise LinkInvalid(_("This link is not valid. Check that it was copied whole.")) \
            from None
    if payload.get("k") != link.record_kind or payload.get("r") != link.record_id:
        raise LinkInvalid(_("This link is not valid. Check that it was copied whole."))
    return link


def resolve_link(token: str, purpose: str) -> ClientLink:
    """The link of ``token`` if it serves ``purpose`` and may still be used."""
    link = find_link(token)
    if link.purpose != purpose:
        raise LinkInvalid(_("This link is not valid. Check that it was copied whole."))
    check_usable(link)
    return link


def check_usable(link: ClientLink, now: datetime | None = None) -> None:
    if link.revoked_at is not None:
        raise LinkRevoked(_("This link was withdrawn. Ask the sender for a new one."))
    if link.used_at is not None:
        raise LinkUsed(_("This link was already used on %(date)s. Ask the sender for a new "
                         "one if something is still to be done.",
                         date=_when(link.used_at)))
    if (now or utcnow()) >= link.expires_at:
        raise LinkExpired(_("This link expired on %(date)s. Ask the sender for a new one.",
                            date=_when(link.expires_at)))


def consume_link(link: ClientLink) -> None:
    """Mark a single-use link used, in the caller's transaction; LinkUsed if it was already.

    A conditional ``UPDATE``, so of two clicks at once only one goes through.
    """
    check_usable(link)
    now = utcnow()
    done = session().execute(
        update(ClientLink).where(ClientLink.id == link.id, ClientLink.used_at.is_(None),
                                 ClientLink.revoked_at.is_(None))
        .values(used_at=now).execution_options(synchronize_session=False))
    if done.rowcount != 1:
        session().refresh(link)
        check_usable(link)
        raise LinkUsed(_("This link was already used."))
    session().refresh(link)


def record_view(link: ClientLink) -> bool:
    """Note an opening of the link (first and last time, count); True the first time."""
    first = link.first_opened_at is None
    now = utcnow()
    session().execute(
        update(ClientLink).where(ClientLink.id == link.id)
        .values(open_count=ClientLink.open_count + 1, last_opened_at=now,
                first_opened_at=func.coalesce(ClientLink.first_opened_at, now))
        .execution_options(synchronize_session=False))
    session().refresh(link)
    return first


def revoke_links(kind: str, record_id: int, purpose: str | None = None) -> int:
    """Withdraw the live links of a record (a new revision replaces what they showed)."""
    stmt = update(ClientLink).where(ClientLink.record_kind == kind,
                                    ClientLink.record_id == record_id,
                                    ClientLink.revoked_at.is_(None))
    if purpose is not None:
        stmt = stmt.where(ClientLink.purpose == purpose)
    done = session().execute(stmt.values(revoked_at=utcnow())
                             .execution_options(synchronize_session=False))
    return done.rowcount


def _when(moment: datetime) -> str:
    return format_datetime(moment)

