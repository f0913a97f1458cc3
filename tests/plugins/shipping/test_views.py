"""The shipping pages: 422 naming the field, a refused move, the pack form, the papers
and the order's Shipments tab."""

from __future__ import annotations

from core.db import session
from core.identity.users import staff_session_id
from plugins.shipping.models import Shipment
from tests.core.web.conftest import Browser
from tests.plugins.shipping.conftest import (
    STAFF,
    as_staff,
    confirmed_order,
    make_carrier,
    make_user,
    unit,
)


def test_pages_plan_refuse_pack_and_serve_papers(sapp):
    def setup():
        ann = make_user("ann", STAFF)
        carrier = make_carrier(as_staff(ann))
        _client, order = confirmed_order(ann)
        return ann.id, staff_session_id(ann), carrier.id, order.id
    ann_id, sid, carrier_id, order_id = unit(sapp, setup)
    web = Browser(sapp, ann_id, sid)
    bad = web.post("/shipping/new", data={"order_id": order_id, "method": "carrier",
                                          "carrier_id": ""})
    assert bad.status_code == 422
    made = web.post("/shipping/new", data={"order_id": order_id, "method": "carrier",
                                           "carrier_id": str(carrier_id)})
    assert made.status_code == 303
    shipment_id = int(made.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    kept = web.post(f"/shipping/{shipment_id}/delete", data={})  # cancelled, never deleted
    assert kept.status_code in (302, 303) and unit(sapp, lambda: session().get(
        Shipment, shipment_id)) is not None
    page = web.get(f"/shipping/{shipment_id}").get_data(as_text=True)
    assert 'data-move="pack"' in page and "Steel bolt M8" in page
    refused = web.post(f"/shipping/{shipment_id}/move/deliver", data={})
    assert refused.status_code == 303
    assert unit(sapp, lambda: session().get(Shipment, shipment_id).status) == "planned"
    form = web.get(f"/shipping/{shipment_id}/pack").get_data(as_text=True)
    assert "Kontora Demo SRL" in form  # where the goods leave from, until the packer says
    packed = web.post(f"/shipping/{shipment_id}/pack", data={
        "rows": "2", "p1_packaging": "pallet", "p1_count": "1", "p1_gross_weight": "800",
        "origin": "Depozit Chitila, Str. Morii 41"})
    assert packed.status_code == 303
    assert unit(sapp, lambda: session().get(Shipment, shipment_id).origin) == \
        "Depozit Chitila, Str. Morii 41"
    order_page = web.get(f"/orders/{order_id}").get_data(as_text=True)
    assert "data-shipments" in order_page and "EXP-" in order_page
    paper = web.get(f"/shipping/{shipment_id}/papers/packing-list")
    assert paper.status_code in (200, 202)
    assert web.get(f"/shipping/{shipment_id}/papers/invoice").status_code == 404
