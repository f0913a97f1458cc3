"""A client's contracts, acceptance protocols, invoices and payments for the portal tests,
made by a clerk through the real services (each call its own committed unit of work)."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.app import kontora
from core.identity.users import principal_for

CLERK = ["contracts.read", "contracts.write", "contracts.send", "contracts.convert",
         "orders.read", "orders.write", "orders.confirm", "parties.read", "invoicing.read",
         "invoicing.write", "invoicing.issue", "invoicing.free_lines", "invoicing.convert",
         "payments.read", "payments.write"]
LINES = [{"description": "Scaffolding rental", "quantity": "2", "unit": "mo",
          "unit_price": "500", "vat_rate": "19"}]


def _clerk() -> Any:
    """The clerk (and the seller's requisites), made on first use."""
    from core.db import session
    from core.identity.models import User
    from tests.plugins.invoicing.conftest import make_seller
    from tests.plugins.orders.conftest import make_user

    user = session().query(User).filter_by(login="clerk").one_or_none()
    if user is None:
        user = make_user("clerk", CLERK)
        make_seller()
    return principal_for(user.id)


def sent_contract(app: Any, client_id: int, title: str = "Rental 2026") -> int:
    """A contract sent to the client for signature (its PDF frozen)."""
    from plugins.contracts.services import create_contract, send_contract

    with app.test_request_context(), kontora(app).db.unit():
        clerk = _clerk()
        contract = create_contract(clerk, {"title": title, "party_id": client_id,
                                           "currency": "RON", "lines": LINES})
        send_contract(clerk, contract.id, {"to": "legal@example.test"})
        return contract.id


def sent_protocol(app: Any, client_id: int, order_id: int | None = None) -> int:
    """An acceptance protocol of the client's confirmed order (a new one unless
    ``order_id``), sent for signature."""
    from plugins.contracts.services import create_protocol, send_protocol
    from plugins.orders.services import confirm_order, create_order

    with app.test_request_context(), kontora(app).db.unit():
        clerk = _clerk()
        if order_id is None:
            order_id = create_order(clerk, {"party_id": client_id, "currency": "RON",
                                            "lines": LINES}).id
            confirm_order(clerk, order_id)
        protocol = create_protocol(clerk, {"source_kind": "orders.order",
                                           "source_id": order_id,
                                           "delivered_on": date.today().isoformat()})
        send_protocol(clerk, protocol.id, {"to": "legal@example.test"})
        return protocol.id


def issued_invoice(app: Any, client_id: int, price: str = "100") -> int:
    """An issued invoice of ``price`` plus 19 % VAT."""
    from plugins.invoicing.services import create_invoice, issue_invoice

    with app.test_request_context(), kontora(app).db.unit():
        clerk = _clerk()
        doc = create_invoice(clerk, {"party_id": client_id, "currency": "RON",
                                     "payment_terms_days": 30,
                                     "lines": [{"description": "Services", "quantity": "1",
                                                "unit": "h", "unit_price": price,
                                                "vat_rate": "19"}]})
        issue_invoice(clerk, doc.id)
        return doc.id


def order_paperwork(app: Any, order_id: int) -> dict[str, int]:
    """The client's order confirmed, then its contract (sent for signature) and its invoice
    (issued) made by the conversions staff run from the order: ``contract`` and ``invoice``."""
    from core.conversions import convert
    from plugins.contracts.services import send_contract
    from plugins.invoicing.services import issue_invoice
    from plugins.orders.services import confirm_order

    with app.test_request_context(), kontora(app).db.unit():
        clerk = _clerk()
        confirm_order(clerk, order_id)
        contract_id = convert(clerk, "orders.order", order_id, "contracts.contract").target_id
        send_contract(clerk, contract_id, {"to": "legal@example.test"})
        invoice_id = convert(clerk, "orders.order", order_id, "invoicing.invoice").target_id
        issue_invoice(clerk, invoice_id)
        return {"contract": contract_id, "invoice": invoice_id}


def cash_payment(app: Any, client_id: int, invoice_id: int, amount: str) -> int:
    """A cash payment (with its numbered receipt) towards the invoice."""
    from plugins.payments.services import record_payment

    with app.test_request_context(), kontora(app).db.unit():
        return record_payment(_clerk(), {
            "party_id": client_id, "method": "cash", "amount": amount, "currency": "RON",
            "paid_on": date.today().isoformat(),
            "allocations": [{"record_id": invoice_id}]}).id


def dispatched_shipment(app: Any, order_id: int, tracking: str = "AWB 7781/22") -> int:
    """The whole (confirmed) order sent by a carrier with a tracking address, its papers
    frozen at dispatch."""
    from plugins.shipping import services
    from tests.plugins.orders.conftest import make_user
    from tests.plugins.shipping.conftest import STAFF, make_carrier

    with app.test_request_context(), kontora(app).db.unit():
        staff = principal_for(make_user(f"logistics-{order_id}", STAFF).id)
        carrier = make_carrier(staff)
        shipment = services.create_shipment(staff, {
            "order_id": order_id, "carrier_id": carrier.id, "carrier_service": "Express"})
        services.pack_shipment(staff, shipment.id, {"packages": [{"gross_weight": "21"}]})
        services.dispatch_shipment(staff, shipment.id, {"tracking_number": tracking})
        return shipment.id
