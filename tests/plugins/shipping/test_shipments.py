"""A shipment's life: planned for part of an order, packed, dispatched with the client
e-mailed the tracking link, delivered; the order follows once all its goods arrived.
The three papers are read back from the frozen PDFs."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from core.db import session
from core.documents.files import file_bytes
from core.errors import Conflict, ValidationError
from core.identity.models import User
from core.identity.users import staff_principal
from core.kernel import kontora
from plugins.orders.models import Order
from plugins.shipping import services
from plugins.shipping.models import Shipment
from plugins.shipping.services.papers import paper_file
from tests.plugins.shipping.conftest import (
    STAFF,
    as_staff,
    confirmed_order,
    make_carrier,
    make_user,
    unit,
)


def pdf_text(app, shipment_id: int, paper: str) -> str:
    def read():
        user = session().query(User).filter_by(login="ann").one()
        row = paper_file(staff_principal(user), shipment_id, paper, prepare=False)
        assert row is not None and row.frozen and row.status == "ready", row
        return file_bytes(row).content
    content = unit(app, read)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())  # table cells wrap: compare words, not line breaks


def plan_and_pack(app):
    def run():
        ann = make_user("ann", STAFF, email="ann@firm.test")
        carrier = make_carrier(as_staff(ann))
        client, order = confirmed_order(ann)
        bolts, cement = order.lines
        site = next(a for a in client.addresses if a.label == "Site")
        shipment = services.create_shipment(as_staff(ann), {
            "order_id": order.id, "carrier_id": carrier.id, "carrier_service": "Express",
            "delivery_address_id": site.id, "planned_dispatch": "2026-03-02",
            "planned_delivery": "2026-03-04",
            "lines": [{"order_line_id": bolts.id, "quantity": "60"},
                      {"order_line_id": cement.id}]})
        assert shipment.status == "planned" and shipment.number is None
        assert "Str. Șantierului 3" in shipment.delivery_address
        assert [line.quantity for line in shipment.lines] == [Decimal(60), Decimal(40)]
        services.pack_shipment(as_staff(ann), shipment.id, {
            "packages": [
                {"packaging": "box", "count": 2, "gross_weight": "31.5", "length": "60",
                 "width": "40", "height": "30", "marks": "CC-1", "lines": [shipment.lines[0].id]},
                {"packaging": "pallet", "count": 1, "gross_weight": "1025", "length": "120",
                 "width": "80", "height": "110", "marks": "CC-2",
                 "lines": [shipment.lines[1].id]}],
            "net_weights": {str(shipment.lines[0].id): "30", str(shipment.lines[1].id): "1000"}})
        assert shipment.status == "packed" and shipment.number.startswith("EXP-")
        assert shipment.package_count == 3 and shipment.gross_weight == Decimal("1056.5")
        return shipment.id, order.id, bolts.id
    return unit(app, run)


def test_a_shipment_goes_from_planned_to_delivered_with_its_papers(sapp, smtp_inbox):
    heard = []
    kontora(sapp).events.signal("shipping.shipment-dispatched").connect(
        lambda sender, **kw: heard.append((sender, kw)), weak=False)
    shipment_id, order_id, bolts_id = plan_and_pack(sapp)

    def dispatch():
        ann = session().query(User).filter_by(login="ann").one()
        services.dispatch_shipment(as_staff(ann), shipment_id, {
            "dispatched_on": "2026-03-02", "tracking_number": "AWB 7781/22"})
    unit(sapp, dispatch)
    mail = next(m for m in smtp_inbox.messages if m["To"] == "logistica@carpati.test")
    body = mail.get_body(("plain",)).get_content()
    assert "FastCargo (Express)" in body and "AWB 7781/22" in body
    assert "https://track.fastcargo.test/?awb=AWB%207781%2F22" in body
    assert heard[0][0] == shipment_id and heard[0][1]["tracking_number"] == "AWB 7781/22"

    cmr = pdf_text(sapp, shipment_id, "cmr")
    for expected in ("Kontora Demo SRL", "Bd. Unirii 1", "Carpați Construct SRL",
                     "Str. Lipscani 12", "Str. Șantierului 3", "Brașov", "FastCargo",
                     "Str. Depozitelor 5", "Steel bolt M8", "Cement CEM II 42.5", "1,025",
                     "1,056.5", "CC-2", "Gross weight", "Goods received"):
        assert expected in cmr, expected
    boxes = [int(n) for n in re.findall(r"(?:^| )(\d{1,2}) [A-Z]", cmr)]
    assert set(range(1, 25)) <= set(boxes)
    assert "Volume, m³" in cmr and "1.2" in cmr  # 0.144 + 1.056 m³
    waybill = pdf_text(sapp, shipment_id, "waybill")
    for expected in ("Waybill", "Kontora Demo SRL", "Bd. Unirii 1", "Carpați Construct SRL",
                     "RO18547290", "Str. Lipscani 12", "Str. Șantierului 3", "Brașov",
                     "Steel bolt M8", "Cement CEM II 42.5", "60", "1,000", "1,056.5", "1,030",
                     "AWB 7781/22"):
        assert expected in waybill, expected
    packing = pdf_text(sapp, shipment_id, "packing-list")
    for expected in ("Packing list", "Kontora Demo SRL", "Carpați Construct SRL",
                     "Str. Șantierului 3", "pallet", "120.0 x 80.0 x 110.0", "31.5", "1,025",
                     "CC-1", "Steel bolt M8", "Cement CEM II 42.5"):
        assert expected in packing, expected

    def deliver_first_then_rest():
        ann = session().query(User).filter_by(login="ann").one()
        services.deliver_shipment(as_staff(ann), shipment_id, {"delivered_on": "2026-03-04"})
        assert session().get(Order, order_id).status == "confirmed"  # 40 bolts still to go
        rest = services.create_shipment(as_staff(ann), {"order_id": order_id, "method": "own",
                                                         "vehicle": "B-123-KON"})
        assert [(line.order_line_id, line.quantity) for line in rest.lines] == \
            [(bolts_id, Decimal(40))]
        services.pack_shipment(as_staff(ann), rest.id, {"packages": [{"gross_weight": "21"}]})
        services.dispatch_shipment(as_staff(ann), rest.id)
        services.deliver_shipment(as_staff(ann), rest.id)
        assert session().get(Order, order_id).status == "delivered"
    unit(sapp, deliver_first_then_rest)


def test_nothing_ships_twice_and_moves_follow_the_workflow(sapp):
    def run():
        ann = make_user("ann", STAFF)
        carrier = make_carrier(as_staff(ann))
        _client, order = confirmed_order(ann)
        first = services.create_shipment(as_staff(ann), {"order_id": order.id,
                                                          "carrier_id": carrier.id})
        with pytest.raises(ValidationError) as err:
            services.create_shipment(as_staff(ann), {"order_id": order.id,
                                                     "carrier_id": carrier.id})
        assert "lines" in err.value.fields
        with pytest.raises(Conflict):
            services.dispatch_shipment(as_staff(ann), first.id)  # not packed yet
        services.cancel_shipment(as_staff(ann), first.id, {"comment": "Client postponed"})
        again = services.create_shipment(as_staff(ann), {"order_id": order.id,
                                                          "carrier_id": carrier.id})
        assert len(again.lines) == 2
        with pytest.raises(ValidationError) as err:
            services.create_shipment(as_staff(ann), {"order_id": order.id, "carrier_id": 999})
        assert "carrier_id" in err.value.fields
    unit(sapp, run)


def test_delivery_address_must_be_the_clients_delivery_address(sapp):
    def run():
        ann = make_user("ann", STAFF)
        carrier = make_carrier(as_staff(ann))
        client, order = confirmed_order(ann)
        registered = next(a for a in client.addresses if a.use == "registered")
        with pytest.raises(ValidationError) as err:
            services.create_shipment(as_staff(ann), {
                "order_id": order.id, "carrier_id": carrier.id,
                "delivery_address_id": registered.id})
        assert "delivery_address_id" in err.value.fields
        shipment = services.create_shipment(as_staff(ann), {"order_id": order.id,
                                                             "carrier_id": carrier.id})
        assert "Șos. Industriilor 7" in shipment.delivery_address  # the default one
    unit(sapp, run)


def test_draft_orders_do_not_ship(sapp):
    def run():
        from plugins.orders.services import create_order
        from tests.plugins.shipping.conftest import LINES, make_client

        ann = make_user("ann", STAFF)
        client = make_client("Draft Client", ann)
        order = create_order(as_staff(ann), {"party_id": client.id, "currency": "RON",
                                             "lines": LINES})
        with pytest.raises(ValidationError) as err:
            services.create_shipment(as_staff(ann), {"order_id": order.id, "method": "own"})
        assert "order_id" in err.value.fields
    unit(sapp, run)


def test_order_stays_when_the_deliverer_may_not_move_it(sapp):
    def run():
        from core.identity.models import User

        ann = make_user("ann", STAFF)
        dan = make_user("dan", ["shipping.read", "shipping.write", "shipping.pack",
                                "shipping.dispatch", "shipping.deliver", "orders.read"])
        _client, order = confirmed_order(ann)
        shipment = services.create_shipment(as_staff(dan), {"order_id": order.id,
                                                             "method": "own"})
        services.pack_shipment(as_staff(dan), shipment.id, {"packages": [{"gross_weight": "5"}]})
        services.dispatch_shipment(as_staff(dan), shipment.id, {"notify_client": False})
        services.deliver_shipment(as_staff(dan), shipment.id)
        assert shipment.status == "delivered"
        assert session().get(Order, order.id).status == "confirmed"
        from plugins.activities.models import Note

        notes = session().query(Note).filter_by(record_kind="shipping.shipment",
                                                record_id=shipment.id).all()
        assert any("stays" in n.body for n in notes)
        assert session().get(User, dan.id) is not None
    unit(sapp, run)


def test_shipment_rows_are_locked_before_their_status_is_read(sapp, monkeypatch):
    from core.services import locking

    calls = []
    real = locking.lock_record

    def spy(model, record_id):
        calls.append((model.__name__, record_id))
        return real(model, record_id)
    monkeypatch.setattr("plugins.shipping.services.transitions.lock_record", spy)

    def run():
        ann = make_user("ann", STAFF)
        _client, order = confirmed_order(ann)
        shipment = services.create_shipment(as_staff(ann), {"order_id": order.id,
                                                             "method": "own"})
        services.cancel_shipment(as_staff(ann), shipment.id)
        return shipment.id
    shipment_id = unit(sapp, run)
    assert ("Shipment", shipment_id) in calls
    assert unit(sapp, lambda: session().get(Shipment, shipment_id).status) == "cancelled"
