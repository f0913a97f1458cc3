"""An order's client thread: the client writes from the portal with files, staff answer on
the order page, each side is told, and a double submit posts once."""

from __future__ import annotations

import io
import re
from typing import Any

from sqlalchemy import select

from core.app import kontora
from core.identity.users import principal_for
from core.web.models import Notification
from plugins.orders.models import OrderMessage
from tests.fixtures.smtp import smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.complaints.conftest import PNG
from tests.plugins.orders.conftest import browser, make_user
from tests.plugins.portal.conftest import invited, papp, two_clients  # noqa: F401  (fixtures)

LINES = [{"description": "Pallet racking", "quantity": "2", "unit_price": "1500.00",
          "vat_rate": "19"}]
TOKEN = re.compile(r'name="token" value="([^"]+)"')


def _order(app: Any, staff_id: int, client_id: int) -> int:
    from plugins.orders.services import confirm_order, create_order

    with app.test_request_context(), kontora(app).db.unit():
        staff = principal_for(staff_id)
        order = create_order(staff, {"party_id": client_id, "currency": "RON", "lines": LINES})
        confirm_order(staff, order.id)
        return order.id


def _answerer(app: Any) -> Any:
    """A staff browser signed in as Ana, who may read orders and write on timelines."""
    with app.app_context(), kontora(app).db.unit():
        return browser(app, make_user("ana", ["orders.read", "activities.read",
                                              "activities.write"], email="ana@kontora.test"))


def test_the_client_asks_with_a_file_and_reads_the_answer(papp, smtp_inbox, two_clients):  # noqa: F811
    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    order_id = _order(papp, two_clients["staff"], two_clients["a"])
    page = f"/portal/orders/{order_id}"
    token = TOKEN.search(alfa.get(page).get_data(as_text=True)).group(1)
    form = {"body": "Can you deliver on Friday?", "token": token}
    posted = [alfa.post(f"{page}/messages", {**form, "file": (io.BytesIO(PNG), "plan.png")},
                        form_page=page, content_type="multipart/form-data")
              for _ in range(2)]
    assert [p.status_code for p in posted] == [303, 303]
    shown = alfa.get(page).get_data(as_text=True)
    assert shown.count("Can you deliver on Friday?") == 1 and "plan.png" in shown
    key = re.search(rf'href="{page}/files/([^"]+)"', shown).group(1)
    served = alfa.get(f"{page}/files/{key}")
    assert served.status_code == 200 and served.data == PNG
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    with papp.app_context(), kontora(papp).db.unit() as s:
        assert s.scalar(select(OrderMessage.from_client)) is True
        told = s.scalars(select(Notification.message).where(
            Notification.user_id == two_clients["staff"])).all()
        assert any("Can you deliver on Friday?" in m for m in told)

    answerer = _answerer(papp)
    with papp.test_request_context(), kontora(papp).db.unit():
        from plugins.orders.services.thread import answer_client

        answer_client(principal_for(answerer.user_id), order_id,
                      {"body": "Yes, Friday morning.", "token": "staff-form-1"},
                      [("route.pdf", io.BytesIO(b"%PDF-1.4\n%%EOF\n"))])
    mail = smtp_inbox.messages[-1]
    assert mail["To"] == "ioana@alfa.test" and "Yes, Friday morning." in mail.get_content()
    assert f"http://kontora.test{page}" in mail.get_content()
    shown = alfa.get(page).get_data(as_text=True)
    assert "Yes, Friday morning." in shown and "route.pdf" in shown


def test_staff_see_and_answer_the_thread_on_the_order_page(papp, smtp_inbox, two_clients):  # noqa: F811
    from plugins.orders.services.thread import post_client_message, staff_thread

    invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    order_id = _order(papp, two_clients["staff"], two_clients["a"])
    answerer = _answerer(papp)
    with papp.test_request_context(), kontora(papp).db.unit() as s:
        from core.identity.models import PortalUser
        from core.identity.users import portal_principal

        account = s.scalars(select(PortalUser)).one()
        post_client_message(portal_principal(account), order_id, {"body": "Which colour?"})
    html = answerer.get(f"/orders/{order_id}").get_data(as_text=True)
    assert "Which colour?" in html and "Client thread" in html
    token = TOKEN.search(html).group(1)
    for _ in range(2):
        answered = answerer.post(f"/orders/{order_id}/thread",
                                 {"body": "RAL 5010", "token": token})
        assert answered.status_code == 303
    with papp.test_request_context(), kontora(papp).db.unit():
        bodies = [m.note.body for m in staff_thread(principal_for(answerer.user_id), order_id)]
    assert bodies == ["Which colour?", "RAL 5010"]
    assert [m["To"] for m in smtp_inbox.messages].count("ioana@alfa.test") == 2  # invite, answer
    empty = answerer.post(f"/orders/{order_id}/thread", {"body": " "})
    assert empty.status_code == 422 and "Write your message." in empty.get_data(as_text=True)


def test_a_refused_staff_answer_keeps_what_was_typed(papp, smtp_inbox, two_clients):  # noqa: F811
    """The order page comes back with the thread tab open, the text and the file's message."""
    order_id = _order(papp, two_clients["staff"], two_clients["a"])
    answerer = _answerer(papp)
    refused = answerer.post(f"/orders/{order_id}/thread",
                            {"body": "Drawing attached, RAL 5010",
                             "file": (io.BytesIO(b"MZ\x90\x00\x03\x00"), "setup.exe")},
                            content_type="multipart/form-data")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert ">Drawing attached, RAL 5010</textarea>" in html
    assert 'id="thread-file-error"' in html
    assert re.search(r'class="tab-pane fade show active" id="tab-thread"', html)
    assert re.search(r'class="nav-link active"[^>]*data-bs-target="#tab-thread"', html)
    with papp.test_request_context(), kontora(papp).db.unit(read_only=True):
        from plugins.orders.services.thread import staff_thread

        assert staff_thread(principal_for(answerer.user_id), order_id) == []


def test_bad_input_names_the_field(papp, smtp_inbox, two_clients):  # noqa: F811
    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    order_id = _order(papp, two_clients["staff"], two_clients["a"])
    page = f"/portal/orders/{order_id}"
    empty = alfa.post(f"{page}/messages", {"body": "  "}, form_page=page)
    assert empty.status_code == 422 and 'id="thread-body-error"' in empty.get_data(as_text=True)
    script = alfa.post(f"{page}/messages",
                       {"body": "See file",
                        "file": (io.BytesIO(b"MZ\x90\x00\x03\x00"), "setup.exe")},
                       form_page=page, content_type="multipart/form-data")
    assert script.status_code == 422
    assert 'id="thread-file-error"' in script.get_data(as_text=True)



def test_the_api_reads_and_answers_the_thread(papp, smtp_inbox, two_clients):  # noqa: F811
    from core.identity.models import PortalUser
    from core.identity.users import portal_principal
    from plugins.orders.services.thread import post_client_message
    from tests.core.api.support import bearer

    invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    order_id = _order(papp, two_clients["staff"], two_clients["a"])
    with papp.test_request_context(), kontora(papp).db.unit() as s:
        post_client_message(portal_principal(s.scalars(select(PortalUser)).one()), order_id,
                            {"body": "Invoice address?"}, [("plan.png", io.BytesIO(PNG))])
        ana = make_user("ana", ["orders.read", "activities.read", "activities.write"])
        reader = make_user("rita", ["orders.read"])
        ana_key, rita_key = bearer(ana), bearer(reader)
    api = papp.test_client()
    url = f"/api/v1/orders.order/{order_id}/thread"
    listed = api.get(url, headers=rita_key).get_json()
    assert [(m["body"], m["from_client"]) for m in listed] == [("Invoice address?", True)]
    assert listed[0]["attachments"][0]["filename"] == "plan.png"
    assert api.post(url, headers=rita_key, json={"body": "x"}).status_code == 403
    bad = api.post(url, headers=ana_key, json={"body": ""})
    assert bad.status_code == 422 and "body" in bad.get_json()["fields"]
    once = {"body": "Same as last time.", "token": "api-request-0001"}
    first = api.post(url, headers=ana_key, json=once)
    again = api.post(url, headers=ana_key, json=once)
    assert first.status_code == again.status_code == 201
    assert first.get_json()["id"] == again.get_json()["id"]
    assert api.get("/api/v1/orders.order/999999/thread", headers=ana_key).status_code == 404
