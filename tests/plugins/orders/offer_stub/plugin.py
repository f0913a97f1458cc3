"""Manifest and hooks of ``offerstub``: what the orders tests need of an offers plugin.

It declares the record kind ``offers.offer``, answers the document-content protocol for
it and announces ``offers.offer-accepted`` with the agreed keyword arguments, so the
orders plugin is tested against the contract, not against the real offers plugin.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core import Manifest, hookimpl

manifest = Manifest(name="offerstub", title="Offers (test stand-in)", version="1.0",
                    depends=[], description="The offers.offer kind for the orders tests.")


@hookimpl
def kontora_record_kinds() -> list:
    from core.kinds import RecordKind
    from tests.plugins.orders.offer_stub.models import StubOffer

    return [RecordKind(kind="offers.offer", model=StubOffer, label="Offer",
                       label_plural="Offers", permission_prefix="offers", title_attr="number")]


@hookimpl
def kontora_permissions() -> list[tuple[str, str]]:
    return [("offers.read", "Read offers"), ("offers.write", "Edit offers")]


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    events.declare("offers.offer-accepted", "Sender: the offer id. Keyword arguments: "
                   "offer_id, party_id, lead_id, accepted_at, comment.")


@hookimpl
def kontora_document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    if kind != "offers.offer":
        return None
    from core.db import session
    from tests.plugins.orders.offer_stub.models import StubOffer

    offer = session().get(StubOffer, record_id)
    if offer is None:
        return None
    lines = offer.content_lines()
    net = sum((line["net"] for line in lines), Decimal("0.00"))
    vat = sum(((line["net"] * line["vat_rate"] / 100).quantize(Decimal("0.01"))
               for line in lines), Decimal("0.00"))
    return {"kind": kind, "record_id": offer.id, "party_id": offer.party_id,
            "contact_id": offer.contact_id,
            "currency": offer.currency, "reference": offer.number, "lines": lines,
            "totals": {"net": net, "vat": vat, "gross": net + vat},
            "notes": f"From offer {offer.number}"}


def accept(offer_id: int, comment: str = "") -> None:
    """Accept the offer in the open unit of work and announce it (after commit)."""
    from core.db import session, utcnow
    from core.kernel import kontora
    from tests.plugins.orders.offer_stub.models import StubOffer

    offer = session().get(StubOffer, offer_id)
    offer.status = "accepted"
    kontora().events.announce("offers.offer-accepted", offer.id, offer_id=offer.id,
                              party_id=offer.party_id, lead_id=None,
                              accepted_at=utcnow().isoformat(), comment=comment)
