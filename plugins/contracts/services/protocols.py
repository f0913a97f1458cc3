"""Acceptance protocols: filled from a contract or an order, sent for signature in one
click, signed through the e-mailed link exactly as contracts are.

The source is named by kind: a contract is read here, any other kind (``orders.order``)
through the kernel's document-content protocol, after checking the principal may read it
with the kernel's record rules, so this plugin never imports the source's plugin.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.conversions import read_content
from core.db import session
from core.errors import Conflict, NotFound
from core.i18n import gettext as _
from core.services import load_record, service, validate
from plugins.contracts.exceptions import ContractLocked, InvalidContractData, TransitionRefused
from plugins.contracts.models import AcceptanceProtocol, ProtocolItem, Signature
from plugins.contracts.schemas import ProtocolChangeSchema, ProtocolSchema
from plugins.contracts.services.common import (
    PROTOCOL,
    check_version,
    flush,
    load_protocol,
    timeline_note,
)
from plugins.contracts.services.signing import countersign, issue_and_send, send_values
from plugins.contracts.workflow import PROTOCOL_LABELS


def _label(status: str) -> str:
    return str(PROTOCOL_LABELS.get(status, status))


@service("contracts.write")
def create_protocol(principal: Any, data: Any) -> AcceptanceProtocol:
    """A draft protocol for a contract or an order; without ``items`` the source's lines
    are the delivered items."""
    values = validate(ProtocolSchema(), data)
    kind, record_id = values["source_kind"], values["source_id"]
    try:
        load_record(principal, kind, record_id, "read")
        content = read_content(kind, record_id)
    except (NotFound, KeyError, LookupError):
        raise InvalidContractData({"source_id": [
            _("There is no such document to hand over.")]}) from None
    if content["party_id"] is None:
        raise InvalidContractData({"source_id": [_("The document has no client.")]})
    items = values.pop("items", None)
    if items is None:
        items = [{"description": line["description"] or "—", "quantity": line["quantity"],
                  "unit": line["unit"]} for line in content["lines"]]
    protocol = AcceptanceProtocol(
        status="draft", party_id=content["party_id"],
        source_reference=(content["reference"] or "")[:200], owner_id=principal.user_id,
        created_by_id=principal.user_id, updated_by_id=principal.user_id, **values)
    _set_items(protocol, items)
    session().add(protocol)
    session().flush()
    timeline_note(kind, record_id, _("Acceptance protocol %(label)s prepared.",
                                     label=protocol.label), author_id=principal.user_id)
    return protocol


@service("contracts.write")
def update_protocol(principal: Any, protocol_id: int, data: Any, *,
                    expected_version: int | None = None) -> AcceptanceProtocol:
    protocol = load_protocol(principal, protocol_id, "write")
    check_version(protocol, expected_version)
    if protocol.status != "draft":
        raise ContractLocked(_label(protocol.status))
    values = validate(ProtocolChangeSchema(), data, partial=True)
    items = values.pop("items", None)
    for key, value in values.items():
        setattr(protocol, key, value)
    if protocol.delivered_from and protocol.delivered_on < protocol.delivered_from:
        raise InvalidContractData({"delivered_on": [_("The delivery ends before it starts.")]})
    if items is not None:
        protocol.items.clear()
        session().flush()
        _set_items(protocol, items)
    protocol.updated_by_id = principal.user_id
    flush()
    return protocol


@service("contracts.write")
def delete_protocol(principal: Any, protocol_id: int, *,
                    expected_version: int | None = None) -> None:
    """Delete a draft prepared by mistake; once sent the protocol is evidence and stays.
    The deletion is noted on the source's timeline, where its preparation was."""
    protocol = load_protocol(principal, protocol_id, "write")
    check_version(protocol, expected_version)
    if protocol.status != "draft":
        raise Conflict(_("Only draft protocols can be deleted; this one is “%(status)s”.",
                         status=_label(protocol.status)))
    kind, record_id, label = protocol.source_kind, protocol.source_id, protocol.label
    session().delete(protocol)
    flush()
    timeline_note(kind, record_id, _("Draft acceptance protocol %(label)s deleted.",
                                     label=label), author_id=principal.user_id)


@service("contracts.send")
def send_protocol(principal: Any, protocol_id: int, data: Any = None, *,
                  expected_version: int | None = None) -> AcceptanceProtocol:
    """One click: number the protocol, freeze its PDF and e-mail the signing link."""
    protocol = load_protocol(principal, protocol_id, "write")
    check_version(protocol, expected_version)
    if protocol.status != "draft":
        raise TransitionRefused(_("Send for signature"), _label(protocol.status))
    if not protocol.items:
        raise InvalidContractData({"items": [_("List at least one delivered item.")]})
    values = send_values(protocol, data)
    protocol.status = "sent"
    protocol.updated_by_id = principal.user_id
    flush()
    issue_and_send(PROTOCOL, protocol, principal, values)
    return protocol


@service("contracts.countersign")
def countersign_protocol(principal: Any, protocol_id: int, data: Any = None) -> Signature:
    protocol = load_protocol(principal, protocol_id, "write")
    return countersign(principal, PROTOCOL, protocol, data)


def _set_items(protocol: AcceptanceProtocol, items: list[dict[str, Any]]) -> None:
    for position, item in enumerate(items):
        protocol.items.append(ProtocolItem(
            position=position, description=str(item["description"])[:500],
            quantity=Decimal(item["quantity"]), unit=item.get("unit"),
            remark=item.get("remark")))
