"""The contract as the kernel's document-content protocol describes it, for conversions
from contracts (contract -> invoice, declared by the invoicing plugin)."""

from __future__ import annotations

from typing import Any

from core.db import session
from core.documents.totals import totals_of
from plugins.contracts.models import Contract


def contract_content(record_id: int) -> dict[str, Any] | None:
    contract = session().get(Contract, record_id)
    if contract is None:
        return None
    totals = totals_of(contract.lines)
    return {
        "kind": "contracts.contract", "record_id": contract.id, "party_id": contract.party_id,
        "currency": contract.currency, "reference": contract.label,
        "lines": [{"product_id": line.product_id, "description": line.description,
                   "quantity": line.quantity, "unit": line.unit,
                   "unit_price": line.unit_price, "discount": line.discount,
                   "vat_rate": line.vat_rate, "net": line.net} for line in contract.lines],
        "totals": {"net": totals.net, "vat": totals.vat, "gross": totals.gross},
        "notes": contract.notes or "",
        "extra": {"contracts.status": contract.status,
                  "contracts.value": str(contract.value),
                  "contracts.start_date": contract.start_date.isoformat()
                  if contract.start_date else None,
                  "contracts.end_date": contract.end_date.isoformat()
                  if contract.end_date else None},
    }
