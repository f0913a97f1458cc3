"""The complaints API and pages: 422 naming the field, workflow moves, photos over the
API, the report as JSON, CSV and a page."""

from __future__ import annotations

import csv
import io

from core.identity.users import staff_session_id
from tests.core.api.support import bearer
from tests.core.web.conftest import Browser
from tests.plugins.complaints.conftest import (
    PNG,
    STAFF,
    as_staff,
    confirmed_order,
    make_product,
    make_user,
    unit,
)


def test_api_enters_moves_attaches_and_reports(capp):
    def setup():
        ann = make_user("ann", STAFF)
        _client, order = confirmed_order(ann)
        product = make_product("CEM")
        return bearer(ann), order.id, product.id
    headers, order_id, product_id = unit(capp, setup)
    api = capp.test_client()
    bad = api.post("/api/v1/complaints.complaint", headers=headers,
                   json={"subject_kind": "orders.order", "subject_id": order_id})
    assert bad.status_code == 422 and "description" in bad.get_json()["fields"]
    made = api.post("/api/v1/complaints.complaint", headers=headers, json={
        "subject_kind": "orders.order", "subject_id": order_id, "product_id": product_id,
        "description": "Torn", "cause": "damaged"})
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert body["number"].startswith("REC-") and body["status"] == "received"
    item = f"/api/v1/complaints.complaint/{body['id']}"
    assert api.delete(item, headers=headers).status_code == 405  # resolved, never deleted
    refused = api.post(f"{item}/resolve", headers=headers, json={"resolution": "x"})
    assert refused.status_code == 409
    assert api.post(f"{item}/review", headers=headers).get_json()["status"] == "under_review"
    wrong = api.post(f"{item}/photos", headers=headers, content_type="multipart/form-data",
                     data={"file": (io.BytesIO(b"%!PS-Adobe fake"), "x.ps")})
    assert wrong.status_code == 422 and "file" in wrong.get_json()["fields"]
    added = api.post(f"{item}/photos", headers=headers, content_type="multipart/form-data",
                     data={"file": (io.BytesIO(PNG), "bag.png")})
    assert added.status_code == 201
    key = added.get_json()[0]["key"]
    assert api.get(f"{item}/photos/{key}", headers=headers).data == PNG
    listed = api.get("/api/v1/complaints.complaint?status=under_review", headers=headers)
    assert [c["id"] for c in listed.get_json()["items"]] == [body["id"]]
    report = api.get("/api/v1/complaints.report/product", headers=headers).get_json()
    assert report["rows"][0]["label"] == "Product CEM" and report["rows"][0]["count"] == 1
    as_csv = api.get("/api/v1/complaints.report/cause?format=csv", headers=headers)
    rows = list(csv.reader(io.StringIO(as_csv.get_data(as_text=True))))
    assert rows[1][:2] == ["Damaged in transport", "1"]
    assert api.get("/api/v1/complaints.report/weather", headers=headers).status_code == 422


def test_pages_enter_a_complaint_refuse_bad_input_and_show_the_report(capp):
    def setup():
        ann = make_user("ann", STAFF)
        _client, order = confirmed_order(ann)
        return ann.id, staff_session_id(ann), order.id
    ann_id, sid, order_id = unit(capp, setup)
    web = Browser(capp, ann_id, sid)
    form = web.get(f"/complaints/new?subject_kind=orders.order&subject_id={order_id}")
    assert form.status_code == 200
    bad = web.post("/complaints/new", data={"subject_kind": "orders.order",
                                            "subject_id": str(order_id), "description": ""})
    assert bad.status_code == 422
    wrong = web.post("/complaints/new", content_type="multipart/form-data", data={
        "subject_kind": "orders.order", "subject_id": str(order_id), "description": "Torn",
        "file": (io.BytesIO(b"\x00\x01binary"), "x.bin")})
    assert wrong.status_code == 422 and "is-invalid" in wrong.get_data(as_text=True)
    made = web.post("/complaints/new", data={"subject_kind": "orders.order",
                                             "subject_id": str(order_id), "cause": "late",
                                             "description": "Late by a week"})
    assert made.status_code == 303
    complaint_id = int(made.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    page = web.get(f"/complaints/{complaint_id}").get_data(as_text=True)
    assert 'data-move="review"' in page and "Late by a week" in page
    moved = web.post(f"/complaints/{complaint_id}/move/review", data={})
    assert moved.status_code == 303
    assert 'data-move="accept"' in web.get(f"/complaints/{complaint_id}").get_data(as_text=True)
    report = web.get("/complaints/report?by=cause").get_data(as_text=True)
    assert "Late delivery" in report
    csv_page = web.get("/complaints/report?by=client&format=csv")
    assert csv_page.mimetype == "text/csv" and "Carpați Construct SRL" in \
        csv_page.get_data(as_text=True)


def test_order_page_offers_a_new_complaint_and_lists_those_about_it(capp):
    def setup():
        from plugins.complaints.services import create_complaint

        ann = make_user("ann", STAFF)
        reader = make_user("rita", ["orders.read", "parties.read"])
        _client, order = confirmed_order(ann)
        made = create_complaint(as_staff(ann), {"subject_kind": "orders.order",
                                                "subject_id": order.id, "cause": "late",
                                                "description": "Late by a week"})
        return (ann.id, staff_session_id(ann), reader.id, staff_session_id(reader), order.id,
                made.number)
    ann_id, sid, reader_id, reader_sid, order_id, number = unit(capp, setup)
    page = Browser(capp, ann_id, sid).get(f"/orders/{order_id}").get_data(as_text=True)
    assert "New complaint" in page and number in page
    assert f"/complaints/new?subject_kind=orders.order&amp;subject_id={order_id}" in page
    other = Browser(capp, reader_id, reader_sid).get(f"/orders/{order_id}")
    assert other.status_code == 200 and "New complaint" not in other.get_data(as_text=True)
