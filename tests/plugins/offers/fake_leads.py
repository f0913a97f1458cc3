"""A tiny stand-in for the ``leads`` plugin: a lead with a cost calculator, described
through the document-content protocol as ``"leads.lead"``, so the conversion lead -> offer
is tested without the real plugin. Its table lives in its own metadata: the test creates
and drops it, and the kernel's schema (and migrations) never see it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from core import Manifest, hookimpl

manifest = Manifest(name="fakeleads", title="Fake leads", version="1.0", depends=[],
                    description="Leads with a cost calculator, for the offers tests.")


class FakeBase(DeclarativeBase):
    pass


class FakeLead(FakeBase):
    __tablename__ = "fakeleads_lead"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    party_id: Mapped[int | None] = mapped_column(Integer)
    owner_id: Mapped[int | None] = mapped_column(Integer)
    product_id: Mapped[int | None] = mapped_column(Integer)


@hookimpl
def kontora_record_kinds() -> list:
    from core.kinds import RecordKind

    return [RecordKind(kind="leads.lead", model=FakeLead, label="Lead", label_plural="Leads",
                       permission_prefix="leads")]


@hookimpl
def kontora_permissions() -> list[tuple[str, str]]:
    return [("leads.read", "Read leads"), ("leads.write", "Edit leads")]


@hookimpl
def kontora_document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    if kind != "leads.lead":
        return None
    from core.db import session

    lead = session().get(FakeLead, record_id)
    if lead is None:
        return None
    lines = [{"product_id": lead.product_id, "description": "Installation (calculator)",
              "quantity": Decimal("12"), "unit": "h", "unit_price": Decimal("65.00"),
              "discount": Decimal("0"), "vat_rate": Decimal("19"), "net": Decimal("780.00")},
             {"product_id": None, "description": "Cable, 100 m", "quantity": Decimal("3"),
              "unit": "roll", "unit_price": Decimal("99.99"), "discount": Decimal("10"),
              "vat_rate": Decimal("9"), "net": Decimal("269.97")}]
    return {"kind": "leads.lead", "record_id": lead.id, "party_id": lead.party_id,
            "currency": "RON", "reference": lead.name, "lines": lines,
            "totals": {"net": Decimal("1049.97"), "vat": Decimal("172.50"),
                       "gross": Decimal("1222.47")},
            "notes": "Measured on site on Tuesday.",
            "extra": {"leads.email": "buyer@example.ro"}}
