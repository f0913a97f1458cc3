"""The shipments API end to end: planning refused naming the field, a move the status does not
allow (409), packing at a named warehouse, dispatch, the papers read back (the CMR's place of
taking over is that warehouse, the admin's edit of the CMR template shows), another file
attached to the shipment through the timeline, delivery moving the order; the client page
and the order page list the shipment."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from core.db import session
from core.documents.models import DocumentTemplate
from core.identity.users import staff_session_id
from tests.core.api.support import bearer
from tests.core.web.conftest import Browser
from tests.plugins.complaints.conftest import PNG
from tests.plugins.shipping.conftest import (
    STAFF,
    as_staff,
    confirmed_order,
    make_carrier,
    make_user,
    unit,
)

API = "/api/v1/shipping.shipment"
WAREHOUSE = "Depozit Chitila, Str. Morii 41, Chitila, RO"


def _setup(app):
    def run():
        ann = make_user("ann", [*STAFF, "core.documents.edit"], email="ann@firm.test")
        carrier = make_carrier(as_staff(ann))
        client, order = confirmed_order(ann)
        template = session().scalars(select(DocumentTemplate).where(
            DocumentTemplate.kind == "shipping.shipment", DocumentTemplate.name == "cmr",
            DocumentTemplate.language == "en")).one()
        return {"ann": ann, "auth": bearer(ann), "carrier": carrier.id, "client": client.id,
                "order": order.id, "sid": staff_session_id(ann), "template": template.id,
                "body": template.body}
    return unit(app, run)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_a_shipment_through_the_api_with_its_papers_and_files(sapp, smtp_inbox):
    s = _setup(sapp)
    api, auth = sapp.test_client(), s["auth"]
    bad = api.post(API, headers=auth, json={"order_id": s["order"], "method": "carrier"})
    assert bad.status_code == 422 and list(bad.get_json()["fields"]) == ["carrier_id"]
    made = api.post(API, headers=auth, json={"order_id": s["order"], "carrier_id": s["carrier"],
                                             "carrier_service": "Express"})
    assert made.status_code == 201, made.get_json()
    shipment = made.get_json()
    assert shipment["status"] == "planned" and len(shipment["lines"]) == 2
    item = f"{API}/{shipment['id']}"
    changed = api.patch(item, headers=auth, json={"planned_dispatch": "2026-03-02"})
    assert changed.status_code == 200 and changed.get_json()["planned_dispatch"] == "2026-03-02"
    assert api.post(f"{item}/deliver", headers=auth).status_code == 409
    lines = [line["id"] for line in shipment["lines"]]
    packed = api.post(f"{item}/pack", headers=auth, json={
        "origin": WAREHOUSE, "net_weights": {str(lines[0]): "30"},
        "packages": [{"packaging": "pallet", "gross_weight": "1250.5", "lines": lines}]})
    assert packed.status_code == 200, packed.get_json()
    assert packed.get_json()["origin"] == WAREHOUSE
    assert packed.get_json()["number"].startswith("EXP-")

    edited = api.put(f"/api/v1/documents/templates/{s['template']}", headers=auth, json={
        "body": s["body"] + "<p>Loading ramp 7, ask for Mihai.</p>"})
    assert edited.status_code == 200, edited.get_json()
    sent = api.post(f"{item}/dispatch", headers=auth, json={"tracking_number": "AWB 99"})
    assert sent.status_code == 200 and sent.get_json()["status"] == "dispatched"
    assert any(m["To"] == "logistica@carpati.test" and "AWB 99" in m.get_body(
        ("plain",)).get_content() for m in smtp_inbox.messages)
    cmr = api.get(f"{item}/papers/cmr", headers=auth)
    assert cmr.status_code == 200 and cmr.mimetype == "application/pdf"
    text = _text(cmr.data)
    for expected in ("Depozit Chitila, Str. Morii 41", "Carpați Construct SRL",
                     "Șos. Industriilor 7", "Steel bolt M8", "1,250.5", "FastCargo",
                     "Loading ramp 7, ask for Mihai."):
        assert expected in text, expected
    assert "Depozit Chitila" in _text(api.get(f"{item}/papers/packing-list", headers=auth).data)
    assert api.get(f"{item}/papers/invoice", headers=auth).status_code == 404

    note = api.post(f"/api/v1/activities/timeline/shipping.shipment/{shipment['id']}/notes",
                    headers=auth, json={"body": "Signed CMR scanned back."})
    assert note.status_code == 201, note.get_json()
    attached = api.post(f"/api/v1/activities/notes/{note.get_json()['id']}/attachments",
                        headers=auth, data={"file": (io.BytesIO(PNG), "cmr-signed.png")},
                        content_type="multipart/form-data")
    assert attached.status_code == 201, attached.get_json()
    got = api.get(attached.get_json()[0]["url"], headers=auth)
    assert got.status_code == 200 and got.data == PNG

    delivered = api.post(f"{item}/deliver", headers=auth, json={"delivered_on": "2026-03-04"})
    assert delivered.status_code == 200
    order = api.get(f"/api/v1/orders.order/{s['order']}", headers=auth).get_json()
    assert order["status"] == "delivered"
    web = Browser(sapp, s["ann"].id, s["sid"])
    number = packed.get_json()["number"]
    for page in (f"/clients/{s['client']}", f"/orders/{s['order']}",
                 f"/shipping/{shipment['id']}"):
        html = web.get(page).get_data(as_text=True)
        assert number in html or "cmr-signed.png" in html, page
    shipment_page = web.get(f"/shipping/{shipment['id']}").get_data(as_text=True)
    assert "cmr-signed.png" in shipment_page and "Depozit Chitila" in shipment_page
    client_page = web.get(f"/clients/{s['client']}").get_data(as_text=True)
    assert "data-shipments" in client_page and "AWB 99" in client_page
