"""The client portal's shipments: the client sees its shipments with carrier, dates and
the tracking link, and downloads the frozen packing list and waybill, nothing else."""

from __future__ import annotations

from typing import Any

from core.app import kontora
from core.identity.users import principal_for
from tests.fixtures.smtp import smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.portal.conftest import invited, papp  # noqa: F401  (a fixture)
from tests.plugins.shipping.conftest import STAFF, confirmed_order, make_carrier, make_user


def _dispatched(app: Any) -> dict[str, int]:
    """Ann's client with a dispatched shipment and one still planned."""
    from plugins.shipping import services

    with app.test_request_context(), kontora(app).db.unit():
        ann = make_user("ann", [*STAFF, "portal.invite"])
        staff = principal_for(ann.id)
        carrier = make_carrier(staff)
        client, order = confirmed_order(ann)
        bolts, cement = order.lines
        sent = services.create_shipment(staff, {
            "order_id": order.id, "carrier_id": carrier.id, "carrier_service": "Express",
            "planned_dispatch": "2026-03-02",
            "lines": [{"order_line_id": bolts.id, "quantity": "60"}]})
        services.pack_shipment(staff, sent.id, {"packages": [{"gross_weight": "31.5"}]})
        services.dispatch_shipment(staff, sent.id, {"dispatched_on": "2026-03-02",
                                                    "tracking_number": "AWB 7781/22"})
        planned = services.create_shipment(staff, {
            "order_id": order.id, "carrier_id": carrier.id,
            "lines": [{"order_line_id": cement.id}]})
        return {"staff": ann.id, "client": client.id, "sent": sent.id, "planned": planned.id}


def test_the_client_follows_its_shipments_and_downloads_their_papers(papp, smtp_inbox):  # noqa: F811
    ids = _dispatched(papp)
    browser = invited(papp, smtp_inbox, ids["staff"], ids["client"], "ioana@carpati.test")
    listing = browser.get("/portal/shipments/").get_data(as_text=True)
    assert "AWB 7781/22" in listing and "https://track.fastcargo.test/?awb=AWB%207781%2F22" \
        in listing
    assert f'data-shipment="{ids["planned"]}"' in listing
    page = browser.get(f"/portal/shipments/{ids['sent']}").get_data(as_text=True)
    assert "FastCargo (Express)" in page and "Steel bolt M8" in page
    for paper in ("packing-list", "waybill"):
        assert f"/portal/shipments/{ids['sent']}/papers/{paper}" in page
        pdf = browser.get(f"/portal/shipments/{ids['sent']}/papers/{paper}")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert browser.get(f"/portal/shipments/{ids['sent']}/papers/cmr").status_code == 404
    planned = browser.get(f"/portal/shipments/{ids['planned']}").get_data(as_text=True)
    assert "/papers/" not in planned  # nothing frozen yet, and the portal renders nothing
    assert browser.get(f"/portal/shipments/{ids['planned']}/papers/waybill").status_code == 404
    home = browser.get("/portal/").get_data(as_text=True)
    assert "/portal/shipments/" in home
