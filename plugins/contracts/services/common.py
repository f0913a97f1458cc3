"""What every contracts service shares: loading within record rules, the timeline, telling
the owner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from core.db import session
from core.documents.models import DocumentFile
from core.i18n import force_locale
from core.identity.models import User
from core.mail import send_mail
from core.services import load_record
from core.web.notifications import notify
from plugins.activities.models import Note
from plugins.contracts.exceptions import StaleContract
from plugins.contracts.links import external_url, site_path

CONTRACT = "contracts.contract"
PROTOCOL = "contracts.protocol"
DETAIL = {CONTRACT: "contracts.contract_detail", PROTOCOL: "contracts.protocol_detail"}


def load_contract(principal: Any, contract_id: int, action: str = "read") -> Any:
    """The contract if ``principal`` may ``action`` it (404 outside the read scope)."""
    return load_record(principal, CONTRACT, contract_id, action)


def load_protocol(principal: Any, protocol_id: int, action: str = "read") -> Any:
    return load_record(principal, PROTOCOL, protocol_id, action)


def check_version(record: Any, expected_version: int | None) -> None:
    if expected_version is not None and record.version != expected_version:
        raise StaleContract()


def flush() -> None:
    """Flush, answering a concurrent change (the version moved) with a 409."""
    try:
        session().flush()
    except StaleDataError:
        raise StaleContract() from None


def timeline_note(kind: str, record_id: int, body: str, *, author_id: int | None) -> Any:
    """A note on the record's timeline (the ``activities`` panel shows it)."""
    note = Note(record_kind=kind, record_id=record_id, kind="note", body=body,
                created_by_id=author_id, updated_by_id=author_id)
    session().add(note)
    session().flush()
    return note


def tell_owner(kind: str, record: Any, actor_id: int | None, message: Callable[[], str], *,
               template: str, context: dict[str, Any] | None = None) -> None:
    """Tell the record's owner (unless they acted): in the app and by e-mail.

    ``message`` gives the sentence in the current locale, so each owner reads it in their
    own language; both join the caller's unit of work, so a rolled-back change tells nobody.
    """
    if record.owner_id is None or record.owner_id == actor_id:
        return
    owner = session().get(User, record.owner_id)
    if owner is None or not owner.active:
        return
    with force_locale(owner.language):
        text = message()
    notify(owner.id, text, link=site_path(DETAIL[kind], id=record.id))
    if owner.email:
        send_mail(owner.email, template=template, language=owner.language,
                  context={"owner": owner.name, "summary": text, "title": record.label,
                           "url": external_url(DETAIL[kind], id=record.id),
                           **(context or {})},
                  record=(kind, record.id))


def sent_file(kind: str, record_id: int) -> DocumentFile | None:
    """The frozen rendition last sent for signature (purpose ``sent-<n>``)."""
    return session().scalars(select(DocumentFile).where(
        DocumentFile.record_kind == kind, DocumentFile.record_id == record_id,
        DocumentFile.frozen.is_(True), DocumentFile.purpose.like("sent-%"))
        .order_by(DocumentFile.id.desc())).first()


def next_sent_purpose(kind: str, record_id: int) -> str:
    """``sent-1``, ``sent-2`` ...: each sending freezes the PDF the client will see."""
    count = len(session().scalars(select(DocumentFile.id).where(
        DocumentFile.record_kind == kind, DocumentFile.record_id == record_id,
        DocumentFile.purpose.like("sent-%"))).all())
    return f"sent-{count + 1}"
