"""Conversions this plugin declares: offer -> contract and order -> contract.

Sources are read only through the document-content protocol (``"offers.offer"`` and
``"orders.order"`` are names here, never imports), so either source plugin may be
disabled and its action simply does not appear.
"""

from __future__ import annotations

from typing import Any

from core.conversions import Conversion, DocumentContent
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from plugins.contracts.exceptions import InvalidContractData
from plugins.contracts.services import create_contract

CONTRACT = "contracts.contract"
PERMISSION = "contracts.convert"
LINE_KEYS = ("product_id", "description", "quantity", "unit", "unit_price", "discount",
             "vat_rate")


def contract_from(principal: Any, content: DocumentContent) -> Any:
    """A draft contract with the source's client, currency, lines and value (its gross)."""
    if content["party_id"] is None:
        raise InvalidContractData({"party_id": [
            _("%(reference)s has no client yet.", reference=content["reference"])]})
    lines = [{k: line[k] for k in LINE_KEYS} for line in content["lines"]]
    for line in lines:
        line["description"] = (line["description"] or "—")[:500]
    reference = (content["reference"] or "")[:200]
    return create_contract(principal, {
        "title": _("Contract for %(reference)s", reference=reference)[:200] if reference
        else _("Contract"),
        "party_id": content["party_id"], "currency": content["currency"],
        "value": content["totals"]["gross"], "reference": reference or None,
        "notes": content.get("notes") or None, "lines": lines})


CONVERSIONS = [
    Conversion("offers.offer", CONTRACT, _l("Create contract"), PERMISSION, contract_from),
    Conversion("orders.order", CONTRACT, _l("Create contract"), PERMISSION, contract_from),
]
