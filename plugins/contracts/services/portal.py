"""Services for the client portal: a client reads its contracts and acceptance protocols,
downloads them and signs the one waiting for its signature.

The caller is a portal principal acting for a client (``record_kind`` ``parties.client``);
it holds no staff permission, so these check what permissions would: the record is the
client's and was sent to it. Anything else is 404, never a hint about another client.
Signing goes through the same service as the e-mailed link.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import select

from core.conversions import document_chain
from core.db import session
from core.documents.files import StoredPdf, stored_pdf
from core.errors import NotFound
from core.i18n import gettext as _
from core.identity.guards import portal_record_id
from core.identity.models import PortalUser
from core.services import act_as
from plugins.contracts.models import AcceptanceProtocol, Contract
from plugins.contracts.services.common import CONTRACT, PROTOCOL
from plugins.contracts.services.signing import COUNTERSIGNED, SIGNED, record_client_signature
from plugins.contracts.workflow import PROTOCOL_LABELS, status_label

CLIENT = "parties.client"
KINDS: dict[str, str] = {"contract": CONTRACT, "protocol": PROTOCOL}
"""The address word of each kind: ``/portal/contracts/<word>/<id>``."""
MODELS: dict[str, Any] = {CONTRACT: Contract, PROTOCOL: AcceptanceProtocol}


def client_id_of(principal: Any) -> int:
    """The client a portal principal acts for (403 for anyone else)."""
    return portal_record_id(principal, CLIENT)


def client_records(principal: Any) -> dict[str, list[Any]]:
    """The client's contracts and protocols sent to it (or later), newest first."""
    client_id = client_id_of(principal)
    return {kind: list(session().scalars(
        select(model).where(model.party_id == client_id, model.sent_at.is_not(None))
        .order_by(model.sent_at.desc(), model.id.desc())))
        for kind, model in MODELS.items()}


def client_record(principal: Any, word: str, record_id: int) -> tuple[str, Any]:
    """The kind and the record named by the address word and id (404 unless the client's
    and sent to it)."""
    client_id = client_id_of(principal)
    kind = KINDS.get(word)
    record = session().get(MODELS[kind], record_id) if kind is not None else None
    if record is None or record.party_id != client_id or record.sent_at is None:
        raise NotFound(_("There is no such document."))
    return kind, record


def sealed_pdf(kind: str, record_id: int) -> StoredPdf | None:
    """The signed PDF, counter-signed when the company signed too (``None`` until sealed)."""
    return stored_pdf(kind, record_id, COUNTERSIGNED) or stored_pdf(kind, record_id, SIGNED)


def sign_as_client(principal: Any, word: str, record_id: int, data: Any, *,
                   ip_address: str | None, user_agent: str | None) -> Any:
    """The client's portal user signs one of its documents; the e-mail on the signature is
    the portal user's own."""
    kind, record = client_record(principal, word, record_id)
    user = session().get(PortalUser, principal.id)
    act_as(principal)
    return record_client_signature(kind, record.id, data,
                                   signer_email=user.email if user is not None else None,
                                   ip_address=ip_address, user_agent=user_agent)


def order_documents(kind: str, record_id: int, principal: Any) -> list[dict[str, Any]]:
    """For the portal page of one of the client's records (an order): the contracts linked
    to it by conversions and the acceptance protocols for it, those sent to the client."""
    client_id = client_id_of(principal)
    contract_ids = [e.record_id for e in document_chain(kind, record_id) if e.kind == CONTRACT]
    found: list[tuple[str, Any]] = []
    if contract_ids:
        found += [("contract", c) for c in session().scalars(select(Contract).where(
            Contract.id.in_(contract_ids), Contract.party_id == client_id,
            Contract.sent_at.is_not(None)))]
    found += [("protocol", p) for p in session().scalars(select(AcceptanceProtocol).where(
        AcceptanceProtocol.source_kind == kind, AcceptanceProtocol.source_id == record_id,
        AcceptanceProtocol.party_id == client_id, AcceptanceProtocol.sent_at.is_not(None)))]
    return [{"kind": KINDS[word], "id": record.id,
             "label": _("Contract") if word == "contract" else _("Acceptance protocol"),
             "title": record.label,
             "status": _("Awaiting your signature") if record.status == "sent"
             else status_label(record.status) if word == "contract"
             else str(PROTOCOL_LABELS.get(record.status, record.status)),
             "date": record.signed_at or record.sent_at,
             "url": url_for("contracts_portal.detail", word=word, record_id=record.id),
             "links": []} for word, record in found]
