"""An accepted offer becomes an order, which the client confirms from an e-mail link.

An existing client accepted an offer by phone (Ana records the answer) -> with "create
on acceptance" off no order appears by itself -> Ana presses "Create order" on the offer
-> sends the order for confirmation (the e-mail caught by a real SMTP server) -> the
client follows the link and confirms with a remark -> the order is confirmed and numbered
CMD-<year>-00001, the remark is on its timeline, Ana is told in the app and by e-mail,
the order's PDF is frozen at confirmation; the link is used up.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pypdf
from sqlalchemy import select

from core.db import session, utcnow
from core.identity.users import staff_session_id
from tests.core.web.conftest import Browser
from tests.scenarios.conftest import (
    SALES_MANAGER,
    as_user,
    csrf_in,
    link_in,
    make_product,
    make_user,
)


def test_order_confirmation(app, unit, smtp_inbox):
    year = utcnow().year

    # -- The company and its client; Ana's offer for the client is accepted by phone.
    def company() -> dict[str, Any]:
        from plugins.offers.services import accept_offer, create_offer, send_offer
        from plugins.parties.services.clients import create_client

        ana = make_user("ana", SALES_MANAGER, email="ana@firma.test")
        cement = make_product("CEM", "Cement 40 kg", "32.50")
        client = create_client(as_user("ana"), {
            "kind": "legal_entity", "name": "Dunărea Logistic SRL", "country": "RO",
            "email": "achizitii@dunarea.test"})
        offer = create_offer(as_user("ana"), {
            "title": "Cement for the depot", "currency": "RON", "party_id": client.id,
            "lines": [{"product_id": cement.id, "quantity": "100", "discount": "5"}]})
        send_offer(as_user("ana"), offer.id, {})
        accept_offer(offer.id, "Confirmed by phone.", principal=as_user("ana"))
        return {"ana": (ana.id, staff_session_id(ana)), "client": client.id,
                "offer": offer.id}
    ids = unit(company)

    def orders() -> list[Any]:
        from plugins.orders.models import Order

        return list(session().scalars(select(Order)))
    assert unit(orders) == []          # the setting is off: nothing made by itself

    # -- Ana presses "Create order" on the accepted offer.
    ana = Browser(app, *ids["ana"])
    made = ana.post(f"/convert/offers.offer/{ids['offer']}/orders.order")
    assert made.status_code == 302, made.get_data(as_text=True)
    (order,) = unit(orders)
    assert made.headers["Location"].endswith(f"/orders/{order.id}")
    assert (order.party_id, order.status, order.number) == (ids["client"], "draft", None)
    # 100 x 32.50 - 5 % = 3087.50 net, 19 % VAT 586.63
    assert (order.total_net, order.total_vat, order.total_gross) == (
        Decimal("3087.50"), Decimal("586.63"), Decimal("3674.13"))
    assert order.reference and order.reference.startswith(f"OF-{year}-00001")
    assert f"/offers/{ids['offer']}" in ana.get(f"/orders/{order.id}").get_data(as_text=True)

    # -- Ana sends the order to the client for confirmation.
    def send() -> None:
        from plugins.orders.services import send_order

        send_order(as_user("ana"), order.id, {"message": "Delivery in 3 days."})
    unit(send)
    (mail,) = [m for m in smtp_inbox.messages if m["To"] == "achizitii@dunarea.test"
               and "Cement 40 kg" in m.get_body(("plain",)).get_content()]
    assert "Delivery in 3 days." in mail.get_body(("plain",)).get_content()
    assert unit(lambda: orders()[0].status) == "sent"

    # -- The client follows the link and confirms, with a remark.
    client = app.test_client()
    path = link_in(mail)
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Confirm the order" in html and "Cement 40 kg" in html
    done = client.post(path, data={"csrf_token": csrf_in(html), "action": "confirm",
                                   "text": "Unload at gate 2."})
    assert done.status_code == 200 and "the order is confirmed" in done.get_data(as_text=True)

    # -- Confirmed and numbered; the remark on the timeline; Ana told in the app and by mail.
    def after() -> tuple[Any, list[str], list[str]]:
        from core.web.models import Notification
        from plugins.activities.models import Note

        order = orders()[0]
        notes = [n.body for n in session().scalars(select(Note).where(
            Note.record_kind == "orders.order", Note.record_id == order.id))]
        told = [n.message for n in session().scalars(select(Notification).where(
            Notification.user_id == ids["ana"][0]))]
        return order, notes, told
    order, notes, told = unit(after)
    assert order.status == "confirmed" and order.number == f"CMD-{year}-00001"
    assert order.confirmed_at is not None
    assert any("Unload at gate 2." in n and "Dunărea Logistic SRL" in n for n in notes)
    assert any(order.number in t or "Confirmed" in t for t in told), told
    assert any(m["To"] == "ana@firma.test" and "Dunărea Logistic SRL moved order"
               in m.get_body(("plain",)).get_content() for m in smtp_inbox.messages)

    # -- The link is used up; the PDF frozen at confirmation holds the order.
    assert client.get(path).status_code == 410

    def frozen() -> Any:
        from core.documents import stored_pdf

        return stored_pdf("orders.order", order.id)
    stored = unit(frozen)
    assert stored is not None
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(stored.content)).pages)
    for expected in (f"CMD-{year}-00001", "Cement 40 kg", "3,087.50", "586.63", "3,674.13"):
        assert expected in text, expected
