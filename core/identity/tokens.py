"""API tokens: ``kt_<lookup>_<secret>``, stored as SHA-256, shown once, scoped and revocable."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select

from core.db import session, utcnow
from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _
from core.identity.models import ApiToken, User
from core.identity.principal import Principal
from core.identity.users import staff_principal

PREFIX = "kt_"
MAX_NAME = 150
"""The longest token name (the column's size)."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(principal: Principal, name: str, permissions: Iterable[str],
                 expires_at: datetime | None) -> tuple[ApiToken, str]:
    """A new token of ``principal``'s user; returns the row and the token text (shown once).

    The token may carry only permissions its owner holds now; what it can do is checked
    again on every use against what the owner holds then. A token made with a token (through
    the API) may not outlive it, so no token buys itself a longer life.
    """

    wanted = sorted(set(permissions))
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Give the token a name.")]
    elif len(name.strip()) > MAX_NAME:
        errors["name"] = [_("At most %(count)s characters.", count=MAX_NAME)]
    if not wanted:
        errors["permissions"] = [_("Choose at least one permission.")]
    elif not all(principal.has(p) for p in wanted):
        errors["permissions"] = [_("You can only grant permissions you hold.")]
    if expires_at is not None and expires_at <= utcnow():
        errors["expires_at"] = [_("The expiry date must be in the future.")]
    maker = session().get(ApiToken, principal.token_id) if principal.token_id else None
    if maker is not None and maker.expires_at is not None and (
            expires_at is None or expires_at > maker.expires_at):
        errors["expires_at"] = [_("A token cannot outlive the token that makes it (%(date)s).",
                                  date=maker.expires_at.date().isoformat())]
    if errors:
        raise ValidationError(_("The token cannot be created."), fields=errors)
    lookup = secrets.token_hex(8)
    text = f"{PREFIX}{lookup}_{secrets.token_urlsafe(32)}"
    token = ApiToken(user_id=principal.id, name=name.strip(), lookup=lookup,
                     secret_hash=_digest(text), permissions=wanted, expires_at=expires_at)
    session().add(token)
    session().flush()
    return token, text


def resolve_token(text: str) -> Principal | None:
    """The principal a bearer token stands for, or ``None`` when it is unknown, expired,
    revoked or its user is disabled."""

    if not text.startswith(PREFIX):
        return None
    lookup = text[len(PREFIX):].partition("_")[0]
    token = session().scalar(select(ApiToken).where(ApiToken.lookup == lookup))
    if token is None or not hmac.compare_digest(token.secret_hash, _digest(text)):
        return None
    if token.revoked_at is not None or (token.expires_at and token.expires_at <= utcnow()):
        return None
    user = session().get(User, token.user_id)
    if user is None or not user.active:
        return None
    return staff_principal(user).restricted_to(token.permissions, token.id)


def tokens_of(user_id: int) -> list[ApiToken]:
    return list(session().scalars(
        select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id.desc())))


def revoke_token(principal: Principal, token_id: int) -> ApiToken:
    """Revoke one of the principal's own tokens (admins may revoke anyone's).

    Not the token making the request: a script would lock itself out in mid-run; another
    token or the tokens page revokes it.
    """
    token = session().get(ApiToken, token_id)
    if token is None or (token.user_id != principal.id and not principal.is_admin):
        raise NotFound(_("There is no such token."))
    if token.id == principal.token_id:
        raise Conflict(_("This token is making the request; revoke it with another token or "
                         "on the tokens page."))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    return token
