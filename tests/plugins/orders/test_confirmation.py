"""Sending an order for confirmation: the e-mail caught by a real SMTP server, the link in it
followed by the client, who confirms or asks a question; the owner hears of both."""

from __future__ import annotations

import re

from sqlalchemy import select

from core.db import session
from core.kernel import kontora
from plugins.orders import services
from plugins.orders.models import Order
from tests.plugins.orders.conftest import (
    LINE,
    SALES,
    as_staff,
    browser,
    csrf_of,
    make_client,
    make_user,
)

LINK = re.compile(r"http://kontora\.test(/l/\S+)")


def _send(app, inbox) -> tuple[int, str]:
    """A sent order and the path of the link in the client's e-mail."""
    with app.app_context(), kontora(app).db.unit():
        ann = make_user("ann", SALES, email="ann@firm.test")
        bob = make_user("bob", SALES)
        client = make_client("Acme SRL", ann, email="buyer@acme.test")
        order = services.create_order(as_staff(ann), {"party_id": client.id,
                                                      "currency": "RON", "lines": [LINE]})
        services.send_order(as_staff(bob), order.id, {"message": "Prices valid 30 days."})
        order_id = order.id
    mail = next(m for m in inbox.messages if m["To"] == "buyer@acme.test")
    body = mail.get_body(("plain",)).get_content()
    assert "Please" in mail["Subject"] or "confirm" in mail["Subject"]
    assert "Steel bolt M8" in body and "Prices valid 30 days." in body
    return order_id, LINK.search(body).group(1)


def _owner_mail(inbox, words: str) -> bool:
    return any(m["To"] == "ann@firm.test" and words in m.get_body(("plain",)).get_content()
               for m in inbox.messages)


def test_client_confirms_through_the_emailed_link(mail_app, smtp_inbox):
    order_id, path = _send(mail_app, smtp_inbox)
    client = mail_app.test_client()
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Confirm the order" in html and "Steel bolt M8" in html
    done = client.post(path, data={"csrf_token": csrf_of(html), "action": "confirm",
                                   "text": "Deliver to the back gate."})
    assert done.status_code == 200 and "the order is confirmed" in done.get_data(as_text=True)
    with mail_app.app_context(), kontora(mail_app).db.unit():
        order = session().get(Order, order_id)
        assert order.status == "confirmed" and order.number.startswith("CMD-")
        from core.web.models import Notification
        from plugins.activities.models import Note

        notes = [n.body for n in session().scalars(select(Note).where(
            Note.record_kind == "orders.order", Note.record_id == order_id))]
        assert any("Deliver to the back gate." in n and "Acme SRL" in n for n in notes)
        assert any("Confirmed" in n.message for n in session().scalars(select(Notification)))
    assert _owner_mail(smtp_inbox, "Acme SRL moved order")
    assert client.get(path).status_code == 410  # used up


def test_client_question_lands_on_the_timeline_and_tells_the_owner(mail_app, smtp_inbox):
    order_id, path = _send(mail_app, smtp_inbox)
    client = mail_app.test_client()
    html = client.get(path).get_data(as_text=True)
    answer = client.post(path, data={"csrf_token": csrf_of(html), "action": "ask",
                                     "text": "Can you deliver on Saturday?"})
    assert answer.status_code == 200 and "question was passed on" in \
        answer.get_data(as_text=True)
    empty = client.post(path, data={"csrf_token": csrf_of(html), "action": "ask", "text": ""})
    assert empty.status_code == 422
    with mail_app.app_context(), kontora(mail_app).db.unit():
        from core.web.models import Notification
        from plugins.activities.models import Note

        [note] = session().scalars(select(Note).where(Note.kind == "comment"))
        assert note.record_id == order_id and "Can you deliver on Saturday?" in note.body
        assert session().get(Order, order_id).status == "sent"
        [told] = [n for n in session().scalars(select(Notification))
                  if "Saturday" in n.message]
        assert "Acme SRL asked about order" in told.message
    assert _owner_mail(smtp_inbox, "Can you deliver on Saturday?")
    assert client.get(path).status_code == 200  # still usable to confirm
    with mail_app.app_context(), kontora(mail_app).db.unit():
        from core.identity.models import User

        ann = session().scalar(select(User).where(User.login == "ann"))
        staff = browser(mail_app, ann)
    page = staff.get(f"/orders/{order_id}").get_data(as_text=True)
    assert "Can you deliver on Saturday?" in page  # on the order's timeline


def test_taking_the_order_back_withdraws_the_link(mail_app, smtp_inbox):
    order_id, path = _send(mail_app, smtp_inbox)
    with mail_app.app_context(), kontora(mail_app).db.unit():
        boss = make_user("boss", SALES)
        services.revise_order(as_staff(boss), order_id)
    assert mail_app.test_client().get(path).status_code == 410


def test_client_confirms_through_the_api(mail_app, smtp_inbox):
    _order_id, path = _send(mail_app, smtp_inbox)
    token = path.rsplit("/", 1)[1]
    client = mail_app.test_client()
    answer = client.post(f"/api/v1/orders/confirm/{token}", json={"text": ""})
    assert answer.status_code == 200 and answer.get_json()["status"] == "confirmed"
    again = client.post(f"/api/v1/orders/confirm/{token}", json={})
    assert again.status_code == 410
    assert client.post("/api/v1/orders/confirm/forged", json={}).status_code == 404


def test_sending_needs_an_address_and_lines(unit):
    def run():
        import pytest

        from core.errors import ValidationError

        ann = make_user("ann", SALES)
        order = services.create_order(as_staff(ann), {
            "party_id": make_client("No Mail SRL", ann).id, "currency": "RON"})
        with pytest.raises(ValidationError) as caught:
            services.send_order(as_staff(ann), order.id)
        assert set(caught.value.fields) == {"lines"}
        services.add_line(as_staff(ann), order.id, LINE)
        with pytest.raises(ValidationError) as caught:
            services.send_order(as_staff(ann), order.id)
        assert set(caught.value.fields) == {"to"}
    unit(run)


def test_the_order_goes_to_its_contact_person(mail_app, smtp_inbox):
    import pytest

    from core.errors import ValidationError
    from plugins.parties.services.contacts import add_contact

    with mail_app.app_context(), kontora(mail_app).db.unit():
        ann = make_user("ann", [*SALES, "parties.write"])
        client = make_client("Acme SRL", ann, email="office@acme.test")
        other = make_client("Other SRL", ann)
        person = add_contact(as_staff(ann), client.id, {"contact": {
            "name": "Dana Pop", "methods": [{"channel": "email",
                                             "value": "dana@acme.test"}]}}).contact_id
        stranger = add_contact(as_staff(ann), other.id, {"contact": {"name": "X"}}).contact_id
        with pytest.raises(ValidationError) as refused:
            services.create_order(as_staff(ann), {"party_id": client.id, "currency": "RON",
                                                  "contact_id": stranger})
        assert set(refused.value.fields) == {"contact_id"}
        order = services.create_order(as_staff(ann), {
            "party_id": client.id, "currency": "RON", "contact_id": person, "lines": [LINE]})
        services.send_order(as_staff(ann), order.id)
    assert [m["To"] for m in smtp_inbox.messages] == ["dana@acme.test"]
