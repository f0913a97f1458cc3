"""Orders through their services: totals, the workflow as data, permissions, added statuses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.errors import Conflict, Forbidden, NotFound, ValidationError
from plugins.orders import services
from plugins.orders.models import Order
from tests.plugins.orders.conftest import (
    LINE,
    SALES,
    as_staff,
    make_client,
    make_product,
    make_user,
)


def _order(lines=(LINE,)):
    ann = make_user("ann", SALES)
    client = make_client("Acme SRL", ann)
    return as_staff(ann), services.create_order(as_staff(ann), {
        "party_id": client.id, "currency": "ron", "lines": list(lines)})


def test_totals_per_vat_rate(unit):
    def run():
        product = make_product("BOLT", "1.20", "19")
        principal, order = _order([
            {**LINE, "quantity": "10", "discount": "5"},                    # 11.40 @19
            {"product_id": product.id, "quantity": "3"},                     # 3.60 @19
            {"description": "Install", "quantity": "1.5", "unit_price": "40",
             "vat_rate": "9"},                                               # 60.00 @9
        ])
        assert order.currency == "RON" and order.status == "draft" and order.number is None
        assert [line.net for line in order.lines] == [Decimal("11.40"), Decimal("3.60"),
                                                      Decimal("60.00")]
        assert order.lines[1].description == "Product BOLT"  # filled from the catalogue
        from core.documents.totals import totals_of

        groups = {g.rate: (g.net, g.vat) for g in totals_of(order.lines).by_rate}
        assert groups == {Decimal(9): (Decimal("60.00"), Decimal("5.40")),
                          Decimal(19): (Decimal("15.00"), Decimal("2.85"))}
        assert (order.total_net, order.total_vat, order.total_gross) == (
            Decimal("75.00"), Decimal("8.25"), Decimal("83.25"))
        services.remove_line(principal, order.id, order.lines[2].id)
        assert order.total_gross == Decimal("17.85")
    unit(run)


def test_bad_lines_are_field_errors(unit):
    def run():
        with pytest.raises(ValidationError) as caught:
            _order([{**LINE, "quantity": "-1", "discount": "120"}])
        assert set(caught.value.fields) == {"lines.0.quantity", "lines.0.discount"}
        with pytest.raises(ValidationError) as caught:
            services.create_order(as_staff(make_user("bob", SALES)), {
                "party_id": 1, "currency": "RON", "lines": [{"quantity": "1"}]})
        assert set(caught.value.fields) == {"lines.0.description", "lines.0.unit_price",
                                            "lines.0.vat_rate"}
    unit(run)


def test_the_main_path_and_refused_moves(unit):
    def run():
        principal, order = _order()
        with pytest.raises(Conflict) as caught:
            services.start_order(principal, order.id)
        assert "Start work" in caught.value.message and "Draft" in caught.value.message
        services.confirm_order(principal, order.id)
        assert order.status == "confirmed" and order.number.startswith("CMD-")
        with pytest.raises(Conflict):
            services.add_line(principal, order.id, LINE)  # only drafts change
        services.start_order(principal, order.id)
        services.deliver_order(principal, order.id)
        assert order.status == "delivered"
        with pytest.raises(Conflict):
            services.cancel_order(principal, order.id)
    unit(run)


def test_numbers_are_given_at_confirmation_without_gaps(unit):
    def run():
        principal, first = _order()
        _p, second = principal, services.create_order(principal, {
            "party_id": first.party_id, "currency": "RON", "lines": [LINE]})
        services.confirm_order(principal, second.id)
        services.confirm_order(principal, first.id)
        seq = [int(o.number.rsplit("-", 1)[1]) for o in (second, first)]
        assert seq[1] == seq[0] + 1
    unit(run)


def test_each_transition_needs_its_own_permission(unit):
    def run():
        _principal, order = _order()
        clerk = as_staff(make_user("clerk", ["orders.read", "orders.write", "orders.confirm"]))
        services.confirm_order(clerk, order.id)
        with pytest.raises(Forbidden):
            services.start_order(clerk, order.id)
        with pytest.raises(Forbidden):
            services.cancel_order(clerk, order.id)
        reader = as_staff(make_user("reader", ["orders.read", "orders.start"]))
        with pytest.raises(Forbidden):  # may start orders, but not write this one
            services.start_order(reader, order.id)
    unit(run)


def test_timeline_notes_and_owner_notification(unit):
    def run():
        from sqlalchemy import select

        from core.db import session
        from core.web.models import Notification
        from plugins.activities.models import Note

        _principal, order = _order()
        boss = as_staff(make_user("boss", SALES))
        services.confirm_order(boss, order.id, comment="Confirmed by phone.")
        notes = list(session().scalars(select(Note).where(Note.record_kind == "orders.order")))
        assert len(notes) == 1 and "Draft" in notes[0].body and "Confirmed by phone." in \
            notes[0].body
        [note] = session().scalars(select(Notification).where(
            Notification.user_id == order.owner_id))
        assert "Boss" in note.message and "Confirmed" in note.message
    unit(run)


def test_admin_added_status_between_built_in_ones(unit):
    def run():
        principal, order = _order()
        admin = as_staff(make_user("root", ["orders.configure"]))
        with pytest.raises(ValidationError) as caught:
            services.add_status(admin, {"code": "confirmed", "label": "X", "after": "delivered",
                                        "before": "sent"})
        assert set(caught.value.fields) == {"code", "after"}
        with pytest.raises(Forbidden):
            services.add_status(principal, {"code": "production", "label": "In production",
                                            "after": "confirmed", "before": "delivered"})
        added = services.add_status(admin, {"code": "production", "label": "In production",
                                            "after": "confirmed", "before": "delivered",
                                            "mandatory": True})
        services.confirm_order(principal, order.id)
        services.advance_order(principal, order.id, "production")
        assert order.status == "production"
        with pytest.raises(Conflict):
            services.start_order(principal, order.id)  # not from the added status
        with pytest.raises(Conflict):
            services.remove_status(admin, added.id)    # an order is in it
        services.deliver_order(principal, order.id)     # leaves it for "before"
        assert order.status == "delivered"
        services.remove_status(admin, added.id)
    unit(run)


def test_a_mandatory_added_status_removes_the_direct_move(unit):
    def run():
        principal, order = _order()
        admin = as_staff(make_user("root", ["orders.configure"]))
        services.add_status(admin, {"code": "quality", "label": "Quality check",
                                    "after": "in_progress", "before": "delivered",
                                    "mandatory": True})
        services.confirm_order(principal, order.id)
        services.start_order(principal, order.id)
        with pytest.raises(Conflict):
            services.deliver_order(principal, order.id)
        services.advance_order(principal, order.id, "quality")
        services.deliver_order(principal, order.id)
        with pytest.raises(NotFound):
            services.advance_order(principal, order.id, "nonsense")
    unit(run)


def test_record_rules_hide_other_owners_orders(unit):
    def run():
        _principal, order = _order()
        own = as_staff(make_user("own", SALES, scope="own"))
        with pytest.raises(NotFound):
            services.confirm_order(own, order.id)
        from core.listing import list_records

        assert list_records(own, "orders.order", filters={}, search=None, sort=None,
                            cursor=None, limit=10).items == []
        assert [o.id for o in list_records(_principal, "orders.order", filters={},
                                           search=None, sort=None, cursor=None,
                                           limit=10).items] == [order.id]
    unit(run)


def test_only_drafts_are_deleted(unit):
    def run():
        from core.db import session

        principal, order = _order()
        services.confirm_order(principal, order.id)
        with pytest.raises(Conflict):
            services.delete_order(principal, order.id)
        _p, draft = principal, services.create_order(principal, {
            "party_id": order.party_id, "currency": "RON"})
        services.delete_order(principal, draft.id)
        assert session().get(Order, draft.id) is None
    unit(run)
