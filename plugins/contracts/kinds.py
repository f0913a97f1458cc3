"""The record and document kinds ``contracts`` owns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.i18n import lazy_gettext as _l
from core.kinds import RecordKind
from plugins.contracts.models import AcceptanceProtocol, Contract
from plugins.contracts.schemas import ContractSchema, ProtocolSchema

CONTRACT = "contracts.contract"
PROTOCOL = "contracts.protocol"
DOCUMENTS = Path(__file__).parent / "documents"


def record_kinds() -> list[RecordKind]:
    return [
        RecordKind(
            kind=CONTRACT, model=Contract, label=_l("Contract"), label_plural=_l("Contracts"),
            permission_prefix="contracts", endpoint="contracts.contract_detail",
            schema=ContractSchema, title_attr="label",
            extra={"filters": ["status", "party_id", "owner_id", "currency", "number",
                               "start_date", "end_date", "value", "created_at"],
                   "sort": ["created_at", "end_date", "value", "number", "id"],
                   "default_sort": "-created_at"}),
        RecordKind(
            kind=PROTOCOL, model=AcceptanceProtocol, label=_l("Acceptance protocol"),
            label_plural=_l("Acceptance protocols"), permission_prefix="contracts",
            endpoint="contracts.protocol_detail", schema=ProtocolSchema, title_attr="label",
            extra={"filters": ["status", "party_id", "source_kind", "source_id",
                               "delivered_on"],
                   "sort": ["created_at", "delivered_on", "number", "id"],
                   "default_sort": "-created_at"}),
    ]


def document_kinds() -> list[dict[str, Any]]:
    """Contract and protocol as documents: one default template per language."""
    return [{"kind": CONTRACT, "label": _l("Contract"), "templates_dir": str(DOCUMENTS)},
            {"kind": PROTOCOL, "label": _l("Acceptance protocol"),
             "templates_dir": str(DOCUMENTS)}]
