"""Offers through their services: lines from the catalogue, totals, validation,
permissions and record rules, editing drafts, deleting and cancelling."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from core.errors import Conflict, Forbidden, NotFound, ValidationError
from plugins.offers import services
from plugins.offers.exceptions import NotConvertible
from tests.plugins.offers.conftest import as_staff, make_user


def new_offer(world, **extra):
    data = {"title": "Materials", "currency": "RON", "party_id": world["client"].id,
            "lines": [{"product_id": world["cement"].id, "quantity": "3"},
                      {"product_id": world["book"].id, "quantity": "1"},
                      {"product_id": world["support"].id, "quantity": "2.5",
                       "discount": "10"},
                      {"description": "Delivery", "quantity": "1", "unit_price": "0.05",
                       "vat_rate": "19"}]}
    data.update(extra)
    return services.create_offer(world["as_ann"], data)


def test_lines_from_the_catalogue_and_totals_per_rate(world):
    offer = new_offer(world)
    cement, book, support, delivery = offer.lines
    assert (cement.description, cement.unit, cement.unit_price, cement.vat_rate) == (
        "Product CEM", "pcs", D("32.5000"), D("19.00"))
    assert cement.net == D("97.50") and book.net == D("10.01")
    assert support.is_service and support.net == D("146.25")      # 2.5 * 65 * 0.9
    assert not cement.is_service and delivery.product_id is None
    assert [line.position for line in offer.lines] == [1, 2, 3, 4]
    # 19 %: 97.50 + 146.25 + 0.05 = 243.80 -> 46.32; 9 %: 10.01 -> 0.90
    assert (offer.total_net, offer.total_vat, offer.total_gross) == (
        D("253.81"), D("47.22"), D("301.03"))
    assert offer.status == "draft" and offer.number is None and offer.revision == 1
    assert offer.family_id == offer.id and offer.owner_id == world["ann"].id
    assert offer.recipient_email == "office@carpati.test"


def test_field_errors(world):
    with pytest.raises(ValidationError) as exc:
        services.create_offer(world["as_ann"], {"title": "", "currency": "RONN"})
    assert {"title", "currency"} <= set(exc.value.fields)
    with pytest.raises(ValidationError) as exc:
        services.create_offer(world["as_ann"], {"title": "x", "currency": "RON"})
    assert set(exc.value.fields) == {"party_id", "lead_id"}
    with pytest.raises(ValidationError) as exc:
        new_offer(world, party_id=999999)
    assert exc.value.fields == {"party_id": ["No such client."]}
    with pytest.raises(ValidationError) as exc:
        new_offer(world, currency="EUR")      # catalogue prices are in RON
    assert "lines.0.unit_price" in exc.value.fields
    with pytest.raises(ValidationError) as exc:
        new_offer(world, lines=[{"description": "x", "quantity": "-1", "unit_price": "NaN",
                                 "vat_rate": "101"}])
    assert {"lines.0.quantity", "lines.0.unit_price", "lines.0.vat_rate"} <= set(
        exc.value.fields)
    with pytest.raises(ValidationError):
        services.create_offer(world["as_ann"], ["not", "an", "object"])


def test_lines_editor_recomputes_totals(world):
    offer = new_offer(world, lines=[])
    assert offer.total_gross == D("0.00")
    offer = services.add_line(world["as_ann"], offer.id,
                              {"product_id": world["cement"].id, "quantity": "2"})
    assert offer.total_gross == D("77.35")          # 65.00 + 12.35
    offer = services.add_line(world["as_ann"], offer.id,
                              {"description": "Pallet", "quantity": "1", "unit_price": "20",
                               "vat_rate": "19", "discount": "50"})
    line = offer.lines[0]
    offer = services.update_line(world["as_ann"], offer.id, line.id, {"quantity": "4"})
    assert offer.total_net == D("140.00")
    offer = services.remove_line(world["as_ann"], offer.id, offer.lines[1].id)
    assert [ln.description for ln in offer.lines] == ["Product CEM"]
    assert offer.total_gross == D("154.70")
    with pytest.raises(NotFound):
        services.remove_line(world["as_ann"], offer.id, 987654)


def test_draft_changes_in_place(world):
    offer = new_offer(world)
    changed = services.update_offer(world["as_ann"], offer.id, {"title": "New title",
                                                                "terms": "30 days"},
                                    expected_version=offer.version)
    assert changed.id == offer.id and changed.title == "New title"
    with pytest.raises(Conflict):
        services.update_offer(world["as_ann"], offer.id, {"title": "x"}, expected_version=1)


def test_permissions_and_record_rules(world, app):
    offer = new_offer(world)
    reader = as_staff(make_user("reader", ["offers.read", "parties.read"]))
    with pytest.raises(Forbidden):
        services.create_offer(reader, {"title": "x", "currency": "RON",
                                       "party_id": world["client"].id})
    with pytest.raises(Forbidden):
        services.update_offer(reader, offer.id, {"title": "x"})
    with pytest.raises(Forbidden):
        services.send_offer(reader, offer.id)
    # bob sees only his own offers: ann's is not found, neither for reading nor writing
    with pytest.raises(NotFound):
        services.get_offer(world["as_bob"], offer.id)
    with pytest.raises(NotFound):
        services.add_line(world["as_bob"], offer.id, {"description": "x", "quantity": "1",
                                                      "unit_price": "1", "vat_rate": "0"})
    # ann cannot hand an offer to someone her scope does not cover? She has "all": she can.
    handed = services.update_offer(world["as_ann"], offer.id, {"owner_id": world["bob"].id})
    assert services.get_offer(world["as_bob"], handed.id).owner_id == world["bob"].id
    with pytest.raises(Forbidden):
        services.create_offer(world["as_bob"], {"title": "x", "currency": "RON",
                                                "lead_id": None, "party_id": None,
                                                "owner_id": world["ann"].id})


def test_delete_only_unsent_drafts_and_cancel(world):
    offer = new_offer(world)
    services.delete_offer(world["as_ann"], offer.id)
    with pytest.raises(NotFound):
        services.get_offer(world["as_ann"], offer.id)
    offer = new_offer(world)
    cancelled = services.cancel_offer(world["as_ann"], offer.id)
    assert cancelled.status == "cancelled"
    with pytest.raises(Conflict):
        services.update_offer(world["as_ann"], offer.id, {"title": "again"})
    with pytest.raises(Conflict):
        services.delete_offer(world["as_ann"], offer.id)


def test_document_content_and_template_one_refusal(world):
    from core.conversions import read_content

    offer = new_offer(world)
    content = read_content("offers.offer", offer.id)
    assert content["party_id"] == world["client"].id and content["currency"] == "RON"
    assert content["totals"] == {"net": D("253.81"), "vat": D("47.22"), "gross": D("301.03")}
    assert [line["net"] for line in content["lines"]] == [D("97.50"), D("10.01"),
                                                         D("146.25"), D("0.05")]
    assert content["extra"]["offers.services"] == [world["support"].id]
    text = new_offer(world, format="text", body="Hello {{ client.name }}")
    with pytest.raises(NotConvertible):
        read_content("offers.offer", text.id)
