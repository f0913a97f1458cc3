"""Staff pages: list with status filter, detail with workflow buttons and the htmx lines
editor, forms, the admin page, the PDF read back."""

from __future__ import annotations

import io
import re

from werkzeug.datastructures import MultiDict

from core.kernel import kontora
from plugins.orders import services
from plugins.orders.services.common import load_order
from tests.plugins.orders.conftest import (
    LINE,
    SALES,
    as_staff,
    browser,
    csrf_of,
    make_client,
    make_product,
    make_user,
)


def _setup(app, permissions=SALES, scope="all"):
    with app.app_context(), kontora(app).db.unit():
        ann = make_user("ann", SALES)
        user = make_user("user", [*permissions, "catalog.read"], scope=scope) \
            if permissions is not SALES else ann
        client = make_client("Acme SRL", ann)
        make_product("BOLT", "2.50", "19")
        draft = services.create_order(as_staff(ann), {"party_id": client.id,
                                                      "currency": "RON", "lines": [LINE]})
        done = services.create_order(as_staff(ann), {"party_id": client.id,
                                                     "currency": "RON", "lines": [LINE]})
        services.confirm_order(as_staff(ann), done.id)
        return browser(app, user), draft.id, done.id, client.id


def test_list_filters_by_status(oapp):
    web, draft, done, _client = _setup(oapp)
    page = web.get("/orders/").get_data(as_text=True)
    assert f"/orders/{draft}" in page and f"/orders/{done}" in page
    confirmed = web.get("/orders/?status=confirmed").get_data(as_text=True)
    assert f"/orders/{done}" in confirmed and f"/orders/{draft}\"" not in confirmed


def test_detail_shows_only_allowed_moves_the_user_may_run(oapp):
    web, draft, done, _client = _setup(oapp, ["orders.read", "orders.write", "orders.confirm",
                                              "activities.read",
                                              "parties.read"])
    page = web.get(f"/orders/{draft}").get_data(as_text=True)
    moves = set(re.findall(r'data-move="(\w+)"', page))
    assert moves == {"confirm"}  # send/cancel are allowed moves, but not this user's
    assert "Add line" in page and "Timeline" in page
    later = web.get(f"/orders/{done}").get_data(as_text=True)
    assert set(re.findall(r'data-move="(\w+)"', later)) == set()  # start needs orders.start
    assert web.post(f"/orders/{draft}/move/confirm").status_code == 303
    assert "CMD-" in web.get(f"/orders/{draft}").get_data(as_text=True)


def test_a_refused_move_is_explained(oapp):
    web, draft, _done, _client = _setup(oapp)
    answer = web.post(f"/orders/{draft}/move/deliver", follow_redirects=True)
    assert "not possible while the order is" in answer.get_data(as_text=True)


def test_lines_editor_through_htmx(oapp):
    web, draft, _done, _client = _setup(oapp)
    htmx = {"HX-Request": "true"}
    added = web.post(f"/orders/{draft}/lines", data={"description": "Cable", "quantity": "2",
                                                     "unit_price": "10", "vat_rate": "19"},
                     headers=htmx)
    body = added.get_data(as_text=True)
    assert added.status_code == 200 and 'id="order-lines"' in body and "Cable" in body
    assert "<html" not in body  # a fragment
    bad = web.post(f"/orders/{draft}/lines", data={"quantity": "zero"}, headers=htmx)
    assert bad.status_code == 422 and "is-invalid" in bad.get_data(as_text=True)
    line_id = re.findall(r'data-line="(\d+)"', body)[-1]
    changed = web.post(f"/orders/{draft}/lines/{line_id}", data={"quantity": "3"},
                       headers=htmx)
    assert 'data-total="gross"' in changed.get_data(as_text=True)
    removed = web.post(f"/orders/{draft}/lines/{line_id}/remove", headers=htmx)
    assert "Cable" not in removed.get_data(as_text=True)


def test_lines_move_and_duplicate_through_htmx(oapp):
    web, draft, _done, _client = _setup(oapp)
    htmx = {"HX-Request": "true"}
    for name in ("Cable", "Plug"):
        body = web.post(f"/orders/{draft}/lines", headers=htmx, data={
            "description": name, "quantity": "1", "unit_price": "10",
            "vat_rate": "19"}).get_data(as_text=True)
    plug = re.findall(r'data-line="(\d+)"', body)[-1]
    assert 'data-k-sortable="#order-lines"' in body and f"/lines/{plug}/move" in body
    moved = web.post(f"/orders/{draft}/lines/{plug}/move", data={"position": "1"},
                     headers=htmx).get_data(as_text=True)
    assert moved.index('value="Plug"') < moved.index('value="Cable"')
    refused = web.post(f"/orders/{draft}/lines/{plug}/move", data={"position": "-2"},
                       headers=htmx)
    assert refused.status_code == 422
    copied = web.post(f"/orders/{draft}/lines/{plug}/duplicate",
                      headers=htmx).get_data(as_text=True)
    assert copied.count('value="Plug"') == 2 and len(re.findall(r'data-line="', copied)) == \
        len(re.findall(r'data-line="', moved)) + 1


def test_create_and_edit_forms(oapp):
    web, _draft, _done, client = _setup(oapp)
    bad = web.post("/orders/create", data={"party_id": str(client), "currency": "R0N"})
    assert bad.status_code == 422
    made = web.post("/orders/create", data={"party_id": str(client), "currency": "EUR",
                                            "delivery_date": "2030-01-31"})
    assert made.status_code == 302
    assert web.get("/orders/new").headers["Location"].endswith("/orders/create")


def test_admin_page_adds_and_validates_statuses(oapp):
    web, _draft, _done, _client = _setup(oapp, ["orders.configure", "orders.read"])
    assert web.get("/orders/admin").status_code == 200
    wrong = web.post("/orders/admin/statuses", data={"code": "X y", "label": "",
                                                     "after": "draft", "before": "sent"})
    assert wrong.status_code == 422
    ok = web.post("/orders/admin/statuses", data={"code": "packing", "label": "Packing",
                                                  "after": "in_progress",
                                                  "before": "delivered"})
    assert ok.status_code == 303
    page = web.get("/orders/admin").get_data(as_text=True)
    assert 'data-status="packing"' in page
    # what the page's switch posts when it is on: its hidden "false", then "true"
    web.post("/orders/admin/settings", data=MultiDict([
        ("create_on_acceptance", "false"), ("create_on_acceptance", "true"),
        ("send_on_acceptance", "false")]))
    with oapp.app_context(), kontora(oapp).db.unit():
        from plugins.orders.services.admin import settings

        assert settings().create_on_acceptance and not settings().send_on_acceptance


def test_admin_page_needs_the_permission(oapp):
    web, _draft, _done, _client = _setup(oapp, ["orders.read"])
    assert web.get("/orders/admin").status_code == 403


def test_pdf_is_rendered_by_a_job_and_read_back(oapp):
    from pypdf import PdfReader

    web, _draft, done, _client = _setup(oapp)
    first = web.get(f"/orders/{done}/pdf")
    # inline jobs run after the request's commit: the next request finds the bytes
    pdf = first if first.mimetype == "application/pdf" else web.get(f"/orders/{done}/pdf")
    assert pdf.mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Steel bolt M8" in text and "CMD-" in text and "13,57" in text.replace(".", ",")


def test_confirmation_freezes_the_pdf(oapp):
    from core.documents import stored_pdf

    _web, _draft, done, _client = _setup(oapp)
    with oapp.app_context(), kontora(oapp).db.unit():
        frozen = stored_pdf("orders.order", done, "confirmed")
        assert frozen is not None and frozen.content.startswith(b"%PDF")


def test_the_send_button_on_the_order_page_mails_the_link(mail_app, smtp_inbox):
    """The page's form posts its CSRF token and the version beside the move: the move takes
    neither (the sending schema refuses unknown fields, which once failed every send)."""
    with mail_app.app_context(), kontora(mail_app).db.unit():
        ann = make_user("ann", SALES)
        client = make_client("Acme SRL", ann, email="buyer@acme.example")
        make_product("BOLT", "2.50", "19")
        order_id = services.create_order(as_staff(ann), {
            "party_id": client.id, "currency": "RON", "lines": [LINE]}).id
    web = browser(mail_app, ann)
    page = web.get(f"/orders/{order_id}").get_data(as_text=True)
    assert 'data-move="send"' in page
    sent = web.post(f"/orders/{order_id}/move/send",
                    data={"version": "1", "csrf_token": csrf_of(page)})
    assert sent.status_code == 303
    with mail_app.app_context(), kontora(mail_app).db.unit():
        assert load_order(as_staff(ann), order_id).status == "sent"
    assert [m["To"] for m in smtp_inbox.messages] == ["buyer@acme.example"]
