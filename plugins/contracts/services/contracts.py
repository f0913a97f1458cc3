"""Creating and changing contracts.

Client, currency, lines and dates change only while a contract is a draft; notes and
owner change until it ended. Every function takes the acting principal and plain data,
validates, checks ``contracts.write`` and the record rules (and the client's, through
``parties``), writes and announces.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.db import session
from core.documents.totals import line_net, totals_of
from core.errors import Conflict, Forbidden
from core.i18n import gettext as _
from core.permissions.rules import may_own
from core.services import announce, service, validate
from plugins.contracts.exceptions import ContractLocked, InvalidContractData
from plugins.contracts.models import Contract, ContractLine
from plugins.contracts.schemas import ContractChangeSchema, ContractSchema
from plugins.contracts.services.common import check_version, flush, load_contract
from plugins.contracts.workflow import EDITABLE, status_label
from plugins.parties.exceptions import ClientNotFound
from plugins.parties.services.common import load_client

ENDED = ("expired", "terminated")
DRAFT_ONLY = ("party_id", "currency", "start_date", "end_date", "value", "template", "title",
              "terms")


@service("contracts.write")
def create_contract(principal: Any, data: Any) -> Contract:
    """A draft contract for a client the principal may read, with its lines; without a
    ``value`` it is worth what its lines add up to (VAT included)."""
    values = validate(ContractSchema(), data)
    lines = values.pop("lines")
    check_client(principal, values["party_id"])
    values["currency"] = values["currency"].upper()
    owner_id = values.pop("owner_id", None) or principal.user_id
    _check_owner(principal, owner_id)
    contract = Contract(status="draft", owner_id=owner_id, created_by_id=principal.user_id,
                        updated_by_id=principal.user_id, **values)
    for position, line in enumerate(lines):
        discount = line.get("discount", Decimal(0))
        contract.lines.append(ContractLine(
            position=position, product_id=line.get("product_id"),
            description=line["description"], quantity=line["quantity"],
            unit=line.get("unit"), unit_price=line["unit_price"], discount=discount,
            vat_rate=line["vat_rate"],
            net=line_net(line["quantity"], line["unit_price"], discount)))
    if "value" not in values:
        contract.value = totals_of(contract.lines).gross if contract.lines else Decimal(0)
    session().add(contract)
    session().flush()
    announce("contracts.contract-created", contract.id, principal_id=principal.user_id,
             party_id=contract.party_id, reference=contract.reference)
    return contract


@service("contracts.write")
def update_contract(principal: Any, contract_id: int, data: Any, *,
                    expected_version: int | None = None) -> Contract:
    """Change the fields given in ``data`` (``ContractChangeSchema``)."""
    contract = load_contract(principal, contract_id, "write")
    check_version(contract, expected_version)
    values = validate(ContractChangeSchema(), data, partial=True)
    if contract.status in ENDED:
        raise Conflict(_("An expired or terminated contract cannot be changed."))
    if "currency" in values:
        values["currency"] = values["currency"].upper()
    changed = [k for k, v in values.items() if getattr(contract, k) != v]
    if any(k in DRAFT_ONLY for k in changed) and contract.status not in EDITABLE:
        raise ContractLocked(status_label(contract.status))
    start = values.get("start_date", contract.start_date)
    end = values.get("end_date", contract.end_date)
    if start and end and end < start:
        raise InvalidContractData({"end_date": [_("The end comes before the start.")]})
    if "party_id" in changed:
        check_client(principal, values["party_id"])
    if "owner_id" in changed:
        _check_owner(principal, values["owner_id"])
    for key in changed:
        setattr(contract, key, values[key])
    if changed:
        contract.updated_by_id = principal.user_id
        flush()
    return contract


@service("contracts.write")
def delete_contract(principal: Any, contract_id: int, *,
                    expected_version: int | None = None) -> None:
    """Delete a draft; a contract that went out is terminated instead, so its trail stays."""
    contract = load_contract(principal, contract_id, "write")
    check_version(contract, expected_version)
    if contract.status != "draft":
        raise Conflict(_("Only drafts can be deleted; terminate the contract instead."))
    session().delete(contract)
    flush()


def check_client(principal: Any, party_id: int) -> None:
    """The client must exist and be readable by the principal; otherwise a field error."""
    try:
        load_client(principal, party_id, "read")
    except (ClientNotFound, Forbidden):
        raise InvalidContractData({"party_id": [_("There is no such client.")]}) from None


def _check_owner(principal: Any, owner_id: int | None) -> None:
    if owner_id is not None and owner_id != principal.user_id and \
            not may_own(principal, "contracts.write", owner_id):
        raise Forbidden(_("You may not give this contract to that owner."))
