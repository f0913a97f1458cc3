"""Signing contracts and acceptance protocols: sending the link, the client's signature,
the company's counter-signature, and the job that seals the PDF.

One flow serves both kinds. Sending freezes the PDF the client will review (purpose
``sent-<n>``) and e-mails a single-use, expiring link (purpose ``contracts.sign``). The
client's signature records name, e-mail, IP, browser, time and the SHA-256 of the exact PDF
shown (a signature over any other bytes is refused), and the job ``contracts.seal`` stamps
the signature and an audit page onto that PDF and applies the company's PAdES signature;
the result is the record's frozen ``signed`` PDF. A counter-signature adds a second PAdES
signature in an incremental update (purpose ``countersigned``), keeping the first valid.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from core.db import session, utcnow
from core.documents import request_pdf, stored_pdf
from core.documents.company import company_profile
from core.documents.files import file_bytes
from core.documents.models import READY, DocumentFile
from core.errors import Conflict
from core.i18n import force_locale
from core.i18n import gettext as _
from core.jobs import enqueue
from core.kernel import kontora
from core.links import LinkInvalid, consume_link, make_link, resolve_link, revoke_links
from core.mail import send_mail
from core.numbering import next_number
from core.services import announce, lock_record, validate
from plugins.contracts.exceptions import (
    InvalidContractData,
    PdfNotReady,
    TransitionRefused,
)
from plugins.contracts.models import AcceptanceProtocol, Contract, Signature
from plugins.contracts.schemas import CountersignSchema, SendSchema, SignSchema
from plugins.contracts.services.common import (
    CONTRACT,
    PROTOCOL,
    next_sent_purpose,
    sent_file,
    tell_owner,
    timeline_note,
)
from plugins.contracts.signing.pades import sign_pdf
from plugins.contracts.signing.stamp import SignatureMark, stamp_pdf
from plugins.contracts.workflow import status_label
from plugins.parties.models import Client

SIGN_PURPOSE = "contracts.sign"
LINK_VALID_FOR = timedelta(days=14)
SEAL_JOB = "contracts.seal"
SIGNED, COUNTERSIGNED = "signed", "countersigned"
MODELS: dict[str, Any] = {CONTRACT: Contract, PROTOCOL: AcceptanceProtocol}
SERIES = {CONTRACT: "contracts", PROTOCOL: "contracts-protocols"}
PNG_PREFIX = "data:image/png;base64,"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_IMAGE_BYTES = 1_000_000


def send_values(record: Any, data: Any) -> dict[str, Any]:
    """The checked sending form, ``to`` filled in with the client's address when not given.

    Called before the record moves to ``sent``: a refused form leaves it as it was."""
    values = validate(SendSchema(), data or {})
    client = session().get(Client, record.party_id)
    values["to"] = values["to"] or (client.email if client is not None else None)
    if not values["to"]:
        raise InvalidContractData({"to": [_("The client has no e-mail address; give one.")]})
    return values


def issue_and_send(kind: str, record: Any, principal: Any, values: dict[str, Any], *,
                   template: str | None = None) -> str:
    """Number the record (once), freeze the PDF to be signed and e-mail the signing link.

    The record must already be in status ``sent``; ``values`` come from :func:`send_values`.
    Returns the address the mail went to.
    """
    client = session().get(Client, record.party_id)
    to = values["to"]
    if record.number is None:
        record.number = next_number(SERIES[kind], record_kind=kind, record_id=record.id)
    record.sent_at = utcnow()
    session().flush()
    request_pdf(kind, record.id, freeze=True, purpose=next_sent_purpose(kind, record.id),
                template=template if template and template != "default" else None)
    revoke_links(kind, record.id, SIGN_PURPOSE)
    link = make_link(SIGN_PURPOSE, kind, record.id, expires_in=LINK_VALID_FOR,
                     single_use=True, data={"email": to})
    send_mail(to, template="contracts/sign-request",
              context={"title": record.label, "client": client.name if client else "",
                       "link": link, "message": values["message"] or "",
                       "sender": principal.name, "is_protocol": kind == PROTOCOL,
                       "valid_days": LINK_VALID_FOR.days},
              record=(kind, record.id), secret=True)
    return to


def record_of_link(token: str) -> tuple[Any, str, Any]:
    """The link, the kind and the record it signs, if the link may still be used."""
    link = resolve_link(token, SIGN_PURPOSE)
    model = MODELS.get(link.record_kind)
    record = session().get(model, link.record_id) if model is not None else None
    if record is None:
        raise LinkInvalid(_("This document no longer exists."))
    return link, link.record_kind, record


def shown_pdf(kind: str, record_id: int) -> DocumentFile | None:
    """The frozen PDF the client reviews (``None`` when not yet sent)."""
    return sent_file(kind, record_id)


def sign_by_client(token: str, data: Any, *, ip_address: str | None,
                   user_agent: str | None) -> Any:
    """The client signs through the e-mailed link, which is used up with the signature."""
    link, kind, record = record_of_link(token)
    return record_client_signature(kind, record.id, data, signer_email=(link.data or {}).get(
        "email"), ip_address=ip_address, user_agent=user_agent, link=link)


def record_client_signature(kind: str, record_id: int, data: Any, *, signer_email: str | None,
                            ip_address: str | None, user_agent: str | None,
                            link: Any = None) -> Any:
    """The client's signature, however it came (the e-mailed ``link``, used up here, or the
    portal): the evidence is kept, the record becomes signed, the owner is told and the
    sealing job runs after commit. Of two submissions at once, one signs; the other is 409."""
    values = validate(SignSchema(), data or {})
    record = _lock(kind, record_id)
    if record.status != "sent":
        raise TransitionRefused(_("Sign"), status_label(record.status))
    shown = shown_pdf(kind, record.id)
    if shown is None or shown.status != READY:
        raise PdfNotReady()
    if shown.sha256 != values["shown_sha256"]:
        raise InvalidContractData({"shown_sha256": [
            _("The document changed since you opened it; reload the page and review it.")]})
    image = decode_signature(values["signature"])
    if link is not None:
        consume_link(link)
    else:
        revoke_links(kind, record.id, SIGN_PURPOSE)
    now = utcnow()
    signature = Signature(
        record_kind=kind, record_id=record.id, role="client",
        signer_name=values["name"].strip(), signer_email=signer_email,
        ip_address=(ip_address or "")[:64] or None,
        user_agent=(user_agent or "")[:500] or None,
        signed_at=now, shown_sha256=shown.sha256, image=image)
    session().add(signature)
    before, record.status, record.signed_at = record.status, "signed", now
    session().flush()
    who = signature.signer_name
    with force_locale(kontora().settings.language):
        timeline_note(kind, record.id, _("%(name)s signed %(title)s electronically "
                                         "(PDF SHA-256 %(sha)s).", name=who,
                                         title=record.label, sha=shown.sha256),
                      author_id=None)
    tell_owner(kind, record, None,
               lambda: _("%(name)s signed %(title)s.", name=who, title=record.label),
               template="contracts/signed", context={"signer": who})
    enqueue(SEAL_JOB, kind=kind, record_id=record.id, purpose=SIGNED)
    if kind == CONTRACT:
        announce("contracts.contract-status-changed", record.id, principal_id=None,
                 transition="sign", before=before, after="signed")
        announce("contracts.contract-signed", record.id, party_id=record.party_id,
                 number=record.number, signer_name=who, signature_id=signature.id)
    else:
        announce("contracts.protocol-signed", record.id, party_id=record.party_id,
                 number=record.number, source_kind=record.source_kind,
                 source_id=record.source_id, signer_name=who)
    return record


def countersign(principal: Any, kind: str, record: Any, data: Any = None) -> Signature:
    """The company signs a document the client signed (its sealed PDF must be ready)."""
    values = validate(CountersignSchema(), data or {})
    record = _lock(kind, record.id)
    if record.status not in ("signed", "active"):
        raise TransitionRefused(_("Counter-sign"), status_label(record.status))
    if session().scalar(select(Signature.id).where(
            Signature.record_kind == kind, Signature.record_id == record.id,
            Signature.role == "company")) is not None:
        raise Conflict(_("The company has signed this document already."))
    if stored_pdf(kind, record.id, SIGNED) is None:
        raise PdfNotReady()
    signed = file_bytes(_file(kind, record.id, SIGNED))
    image = decode_signature(values["signature"]) if values["signature"] else None
    now = utcnow()
    signature = Signature(record_kind=kind, record_id=record.id, role="company",
                          signer_name=principal.name, user_id=principal.user_id,
                          signed_at=now, shown_sha256=signed.sha256, image=image)
    session().add(signature)
    if kind == CONTRACT:
        record.countersigned_at = now
    session().flush()
    with force_locale(kontora().settings.language):
        timeline_note(kind, record.id, _("%(name)s counter-signed %(title)s for the company.",
                                         name=principal.name, title=record.label),
                      author_id=principal.user_id)
    enqueue(SEAL_JOB, kind=kind, record_id=record.id, purpose=COUNTERSIGNED)
    return signature


def _lock(kind: str, record_id: int) -> Any:
    """The record, locked and read afresh before its status is checked, so that of two
    signatures submitted at once one wins and the other finds it signed (409)."""
    record = lock_record(MODELS[kind], record_id)
    if record is None:
        raise LinkInvalid(_("This document no longer exists."))
    return record


def decode_signature(value: str) -> bytes:
    """The PNG bytes of a drawn signature sent as a ``data:image/png;base64,`` URL."""
    error = InvalidContractData({"signature": [_("Draw your signature in the box.")]})
    if not value.startswith(PNG_PREFIX):
        raise error
    try:
        image = base64.b64decode(value[len(PNG_PREFIX):], validate=True)
    except (binascii.Error, ValueError):
        raise error from None
    if not image.startswith(PNG_MAGIC) or len(image) > MAX_IMAGE_BYTES:
        raise error
    return image


def seal(kind: str, record_id: int, purpose: str) -> None:
    """The job: stamp and PAdES-sign the PDF, stored as the record's frozen ``purpose`` file.

    Idempotent: a sealed file is never made again.
    """
    if _file(kind, record_id, purpose) is not None:
        return
    record = session().get(MODELS[kind], record_id)
    signatures = list(session().scalars(select(Signature).where(
        Signature.record_kind == kind, Signature.record_id == record_id)))
    client = next((s for s in signatures if s.role == "client"), None)
    language = kontora().settings.language
    if purpose == SIGNED:
        shown = sent_file(kind, record_id)
        if record is None or client is None or shown is None or shown.status != READY:
            return
        base = file_bytes(shown)
        if base.sha256 != client.shown_sha256:
            raise RuntimeError(f"{kind} {record_id}: the PDF shown is not the one stored")
        language = shown.language
        with force_locale(language):
            stamped = stamp_pdf(base.content, [_mark(client)], document=record.label)
            content = sign_pdf(stamped, field_name="ClientSignature",
                               signer_name=client.signer_name,
                               reason=_("Signed electronically by %(name)s",
                                        name=client.signer_name))
    else:
        company = next((s for s in signatures if s.role == "company"), None)
        signed_row = _file(kind, record_id, SIGNED)
        if record is None or company is None or signed_row is None:
            return
        language = signed_row.language
        with force_locale(language):
            content = sign_pdf(file_bytes(signed_row).content, field_name="CompanySignature",
                               signer_name=company.signer_name,
                               reason=_("Counter-signed for the company by %(name)s",
                                        name=company.signer_name))
    session().add(DocumentFile(
        record_kind=kind, record_id=record_id, purpose=purpose, frozen=True, status=READY,
        language=language, html="", content=content, size=len(content),
        sha256=hashlib.sha256(content).hexdigest(), created_at=utcnow(),
        rendered_at=utcnow()))
    session().flush()
    if purpose == SIGNED and client.signer_email:
        _send_signed_copy(kind, record, client, content, language)


def _send_signed_copy(kind: str, record: Any, client: Signature, content: bytes,
                      language: str) -> None:
    """E-mail the sealed PDF to the address the signing link went to, in the document's
    language: the signer keeps the very file whose signature any PDF reader checks."""
    number = record.number or str(record.id)
    send_mail(client.signer_email, template="contracts/signed-copy", language=language,
              context={"title": record.label, "signer": client.signer_name,
                       "is_protocol": kind == PROTOCOL,
                       "sender": company_profile().name or ""},
              attachments=[(f"{number}-signed.pdf", content, "application/pdf")],
              record=(kind, record.id))


def _mark(signature: Signature) -> SignatureMark:
    return SignatureMark(role=signature.role, name=signature.signer_name,
                         email=signature.signer_email, ip_address=signature.ip_address,
                         user_agent=signature.user_agent, signed_at=signature.signed_at,
                         shown_sha256=signature.shown_sha256, image=signature.image)


def _file(kind: str, record_id: int, purpose: str) -> DocumentFile | None:
    return session().scalars(select(DocumentFile).where(
        DocumentFile.record_kind == kind, DocumentFile.record_id == record_id,
        DocumentFile.purpose == purpose, DocumentFile.status == READY)).first()
