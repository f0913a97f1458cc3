"""Isolation: signed in as client A's portal user, every portal route, every staff page,
every API route and every attachment URL asked with the ids of client B's records (its
complaint, order, offer, contract, acceptance protocol, invoice and payment) answers 404 or 403
(staff pages send to the staff sign-in, the API says 401), never B's data."""

from __future__ import annotations

import itertools
from typing import Any

from core.app import kontora
from core.identity.users import portal_principal, principal_for
from plugins.complaints.services.photos import photos_of
from plugins.complaints.services.portal import file_complaint
from plugins.orders.services.thread import post_client_message
from tests.plugins.complaints.conftest import PNG
from tests.plugins.leads.test_portal_questionnaires import send_brief
from tests.plugins.portal.conftest import PortalBrowser, invited
from tests.plugins.portal.paperwork import (
    cash_payment,
    issued_invoice,
    sent_contract,
    sent_protocol,
)
from tests.plugins.portal.test_sections import sent_offer

STAFF_ENDPOINTS = {"portal.invite_contact", "portal.view_as", "portal.revoke"}
"""Staff actions under /portal: a portal session is sent to the staff sign-in."""


def _client_with_complaint(app: Any, inbox: Any, staff_id: int, client_id: int,
                           email: str) -> tuple[PortalBrowser, dict[str, Any]]:
    from core.identity.models import PortalUser
    from plugins.orders.services import confirm_order, create_order
    from tests.plugins.shipping.conftest import LINES

    browser = invited(app, inbox, staff_id, client_id, email)
    questionnaire, _link, _sender = send_brief(app, client_id, f"vera-{client_id}")
    with app.test_request_context(), kontora(app).db.unit() as s:
        staff = principal_for(staff_id)
        order = create_order(staff, {"party_id": client_id, "currency": "RON", "lines": LINES})
        confirm_order(staff, order.id)
        account = s.query(PortalUser).filter_by(email=email).one()
        complaint = file_complaint(
            portal_principal(account),
            {"subject_kind": "orders.order", "subject_id": order.id,
             "description": "Three boxes arrived broken."},
            [("broken.png", _png())])
        shipment = _dispatched_shipment(client_id, order.id)
        message = post_client_message(portal_principal(account), order.id,
                                      {"body": "Where is the broken pallet?"},
                                      [("pallet.png", _png())])
        ids = {"complaint": complaint.id, "order": order.id, "client": client_id,
               "shipment": shipment, "questionnaire": questionnaire,
               "key": photos_of(complaint.id)[0].storage_key,
               "thread_key": message.note.attachments[0].storage_key}
    invoice = issued_invoice(app, client_id)
    ids.update(offer=sent_offer(app, staff_id, client_id, f"Scaffolding for {email}"),
               contract=sent_contract(app, client_id),
               protocol=sent_protocol(app, client_id, order.id), invoice=invoice,
               payment=cash_payment(app, client_id, invoice, "10.00"))
    return browser, ids


def _dispatched_shipment(client_id: int, order_id: int) -> int:
    """The whole order shipped by own transport, its papers frozen."""
    from plugins.shipping import services
    from tests.plugins.orders.conftest import make_user
    from tests.plugins.shipping.conftest import STAFF

    staff = principal_for(make_user(f"logistics-{client_id}", STAFF).id)
    shipment = services.create_shipment(staff, {"order_id": order_id, "method": "own"})
    services.pack_shipment(staff, shipment.id, {"packages": [{"gross_weight": "21"}]})
    services.dispatch_shipment(staff, shipment.id, {"tracking_number": "broken-awb-1"})
    return shipment.id


def _png() -> Any:
    import io

    return io.BytesIO(PNG)


def _urls(app: Any, rule: Any, ids: dict[str, Any]) -> list[str]:
    """The rule's URL once for each of B's ids and each choice of an ``any(...)`` part
    (string arguments get B's photo key)."""
    numbers = [ids[name] for name in ("complaint", "order", "client", "contract", "protocol",
                                      "invoice", "payment", "shipment", "questionnaire",
                                      "offer")]
    urls = []
    with app.test_request_context():
        from flask import url_for

        for number in numbers:
            choices = [[(arg, v) for v in _values(rule, arg, number, ids)]
                       for arg in rule.arguments]
            for values in map(dict, itertools.product(*choices)):
                try:
                    urls.append(url_for(rule.endpoint, **values))
                except ValueError:  # a converter for numbers that werkzeug does not name so
                    urls.append(url_for(rule.endpoint, **{
                        arg: number if value == ids["key"] else value
                        for arg, value in values.items()}))
    return list(dict.fromkeys(urls))


def _values(rule: Any, arg: str, number: int, ids: dict[str, Any]) -> list[Any]:
    converter = rule._converters.get(arg)
    if hasattr(converter, "num_convert"):
        return [number]
    if hasattr(converter, "items"):  # any(...): every choice
        return sorted(converter.items)
    if arg in ("kind", "target"):
        return ["complaints.complaint" if number == ids["complaint"] else "orders.order"]
    return [ids["key"]]


def test_a_client_reaches_nothing_of_another(papp, smtp_inbox, two_clients):
    alfa, a = _client_with_complaint(papp, smtp_inbox, two_clients["staff"],
                                      two_clients["a"], "ioana@alfa.test")
    _beta, b = _client_with_complaint(papp, smtp_inbox, two_clients["staff"],
                                      two_clients["b"], "dan@beta.test")
    assert alfa.get("/portal/complaints/").status_code == 200  # A is signed in and served
    csrf_page = "/portal/"
    checked, endpoints = 0, set()
    for rule in papp.url_map.iter_rules():
        if not rule.arguments or rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        if "token" in rule.arguments:  # a secret link, not a record id: an id is no token
            continue
        # B's id under another kind's route may be one of A's own records (ids run on
        # across tests on SQLite): that URL is A's to open, and only B's content must not show
        own = set(_urls(papp, rule, a))
        for url in _urls(papp, rule, b):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                if method == "GET":
                    answer = alfa.get(url)
                elif url.startswith("/api/"):
                    answer = alfa.client.open(url, method=method, json={},
                                              headers={"X-CSRFToken": alfa.csrf(csrf_page)})
                elif method == "POST":
                    answer = alfa.post(url, {"client_id": str(b["client"])}, form_page=csrf_page)
                else:
                    answer = alfa.client.open(url, method=method,
                                              headers={"X-CSRFToken": alfa.csrf(csrf_page)})
                body = answer.get_data()  # bytes: one of A's own PDFs may answer
                checked += 1
                endpoints.add(rule.endpoint)
                assert b"Beta Logistic" not in body and b"broken" not in body, (method, url)
                assert b"beta.test" not in body, (method, url)  # B's offer title
                if url.startswith("/api/"):
                    assert answer.status_code in (401, 403, 404, 405), (method, url)
                elif url.startswith("/portal/") and rule.endpoint not in STAFF_ENDPOINTS:
                    # 429: a rate-limited action (signing) refuses the rest of the loop's
                    # attempts once the earlier ones, each refused and checked, used it up
                    assert answer.status_code in (403, 404, 429) or url in own, (
                        method, url, answer.status_code)
                else:  # staff pages: a portal session counts as signed out
                    assert answer.status_code in (302, 403, 404, 405), (method, url)
                    if answer.status_code == 302:  # to the staff sign-in, maybe by an alias
                        landed = alfa.get(answer.location, follow_redirects=True)
                        assert landed.request.path == "/login", (method, url)
    assert checked > 50
    assert {"contracts_portal.detail", "contracts_portal.sign", "contracts_portal.pdf",
            "contracts_portal.signed_pdf", "payments_portal.receipt", "invoicing_portal.pay",
            "offers_portal.detail", "offers_portal.pdf", "offers_portal.decide",
            "complaints_portal.add_photos", "orders_portal.detail"} <= endpoints
    for url in (f"/portal/orders/{b['order']}/files/{b['thread_key']}",  # B's file
                f"/portal/orders/{a['order']}/files/{b['thread_key']}",  # under A's order
                f"/portal/orders/{a['order']}/files/{b['key']}",  # B's complaint photo
                *(f"/portal/shipments/{b['shipment']}/papers/{paper}"  # B's frozen papers
                  for paper in ("waybill", "packing-list", "cmr"))):
        assert alfa.get(url).status_code == 404, url
    assert alfa.get(f"/activities/files/{b['thread_key']}").status_code in (302, 404)
    switched = alfa.post("/portal/switch", {"client_id": str(b["client"])}, form_page=csrf_page)
    assert switched.status_code == 404


def test_staff_pages_and_the_api_reject_a_portal_session(papp, smtp_inbox, two_clients):
    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    home = alfa.get("/")
    assert home.status_code == 302 and home.location.startswith("/login")
    assert alfa.get("/clients/").status_code == 302
    lists = [r.rule for r in papp.url_map.iter_rules()
             if r.rule.startswith("/api/v1/") and not r.arguments and "GET" in r.methods
             and r.rule not in ("/api/v1/docs", "/api/v1/openapi.json")]
    assert "/api/v1/complaints.complaint" in lists
    for url in lists:
        assert alfa.get(url).status_code == 401, url


def test_a_client_files_and_reads_its_complaint_with_a_photo(papp, smtp_inbox, two_clients):
    alfa, ids = _client_with_complaint(papp, smtp_inbox, two_clients["staff"],
                                       two_clients["a"], "ioana@alfa.test")
    page = alfa.get("/portal/complaints/new").get_data(as_text=True)
    assert f'<option value="orders.order:{ids["order"]}"' in page
    filed = alfa.post("/portal/complaints/new",
                      {"subject": f"orders.order:{ids['order']}", "cause": "damaged",
                       "description": "Scratched panels", "remedy": "replacement",
                       "file": (_png(), "panel.png")},
                      form_page="/portal/complaints/new", content_type="multipart/form-data")
    assert filed.status_code == 303
    detail = alfa.get(filed.location).get_data(as_text=True)
    assert "Scratched panels" in detail and "panel.png" in detail
    listing = alfa.get("/portal/complaints/").get_data(as_text=True)
    assert listing.count("/portal/complaints/") >= 3
    missing = alfa.post("/portal/complaints/new", {"subject": "", "description": ""},
                        form_page="/portal/complaints/new")
    assert missing.status_code == 422
    assert "is-invalid" in missing.get_data(as_text=True)
