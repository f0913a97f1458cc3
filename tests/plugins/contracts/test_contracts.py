"""Contracts by hand and by conversion, templates with the client's requisites, the
register's filters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.company import CompanyProfile
from core.conversions import convert
from core.documents import render_html
from core.errors import ValidationError
from plugins.contracts import services
from tests.plugins.contracts.conftest import (
    LINES,
    STAFF,
    as_staff,
    browser,
    client_with_requisites,
    make_client,
    make_offer,
    make_user,
    unit,
)


def test_contract_by_hand_is_worth_its_lines_and_renders_every_requisite(capp):
    def run():
        from core.db import session

        ann = make_user("ann", STAFF)
        client = client_with_requisites(ann)
        session().add(CompanyProfile(id=1, name="Kontora Demo SRL", details="CUI RO123"))
        contract = services.create_contract(as_staff(ann), {
            "title": "Supply 2026", "party_id": client.id, "currency": "ron",
            "start_date": "2026-01-01", "end_date": "2026-12-31", "lines": LINES})
        assert contract.status == "draft" and contract.number is None
        assert contract.currency == "RON"
        assert contract.value == Decimal("122.57")  # 11.40*1.19 + 100*1.09
        html = render_html("contracts.contract", contract)
        for text in ("Acme Industries SRL", "18547290", "J40/1234/2010", "Str. Lipscani 12",
                     "RO49AAAA1B31007593840000", "Kontora Demo SRL", "Steel bolt M8"):
            assert text in html, text
    unit(capp, run)


def test_private_person_shows_personal_id_not_tax_id(capp):
    def run():
        ann = make_user("ann", STAFF)
        client = make_client("Ion Popescu", ann)
        client.kind, client.personal_id = "private_person", "1800101221144"
        contract = services.create_contract(as_staff(ann), {
            "title": "Renovation", "party_id": client.id, "currency": "RON", "value": "5000"})
        html = render_html("contracts.contract", contract, language="ro")
        assert "CNP: 1800101221144" in html and "CUI" not in html
    unit(capp, run)


def test_bad_input_names_the_field(capp):
    def run():
        ann = make_user("ann", STAFF)
        client = make_client("Acme SRL", ann)
        with pytest.raises(ValidationError) as err:
            services.create_contract(as_staff(ann), {
                "title": "X", "party_id": client.id, "currency": "RON",
                "start_date": "2026-05-01", "end_date": "2026-01-01"})
        assert "end_date" in err.value.fields
        with pytest.raises(ValidationError) as err:
            services.create_contract(as_staff(ann), {"title": "X", "party_id": 999999,
                                                     "currency": "RON"})
        assert "party_id" in err.value.fields
    unit(capp, run)


def test_order_and_offer_convert_into_contracts(capp):
    def run():
        from plugins.orders.services import create_order

        ann = make_user("ann", STAFF)
        client = make_client("Acme SRL", ann)
        order = create_order(as_staff(ann), {"party_id": client.id, "currency": "RON",
                                             "lines": LINES})
        result = convert(as_staff(ann), "orders.order", order.id, "contracts.contract")
        contract = result.record
        assert result.created and contract.party_id == client.id
        assert [line.description for line in contract.lines] == ["Steel bolt M8",
                                                                 "Installation"]
        assert contract.value == order.total_gross
        again = convert(as_staff(ann), "orders.order", order.id, "contracts.contract")
        assert not again.created and again.target_id == contract.id
        offer = make_offer(client.id, ann)
        from_offer = convert(as_staff(ann), "offers.offer", offer.id,
                             "contracts.contract").record
        assert from_offer.currency == "EUR" and from_offer.reference == "OF-2025-0042"
        assert len(from_offer.lines) == 2
    unit(capp, run)


def test_register_lists_filter_by_status_client_and_expiry(capp):
    def run():
        ann = make_user("ann", STAFF)
        a, b = make_client("Alpha SRL", ann), make_client("Beta SRL", ann)
        for party, title, end, status in ((a, "Zebra deal", date(2026, 3, 10), "active"),
                                          (b, "Quokka deal", date(2026, 9, 1), "active"),
                                          (a, "Walrus deal", date(2026, 3, 5), "draft")):
            c = services.create_contract(as_staff(ann), {
                "title": title, "party_id": party.id, "currency": "RON", "value": "10",
                "end_date": end.isoformat()})
            c.status = status
        found = services.expiring(as_staff(ann), 30, today=date(2026, 3, 1))
        assert [c.title for c in found] == ["Zebra deal"]
        return ann, a.id
    ann, party_id = unit(capp, run)
    web = browser(capp, ann)
    page = web.get(f"/contracts/?status=active&party_id={party_id}").get_data(as_text=True)
    assert "Zebra deal" in page and "Quokka deal" not in page and "Walrus deal" not in page
    page = web.get("/contracts/?end_date__lte=2026-04-01").get_data(as_text=True)
    assert "Zebra deal" in page and "Quokka deal" not in page
    assert web.get("/contracts/expiring?days=abc").status_code == 400
    assert web.get("/contracts/expiring?days=30").status_code == 200


def test_staff_create_form_and_pdf(capp):
    ann = unit(capp, lambda: make_user("ann", STAFF))
    party_id = unit(capp, lambda: make_client("Acme SRL", None).id)
    web = browser(capp, ann)
    bad = web.post("/contracts/create", data={"title": "", "party_id": party_id,
                                              "currency": "RON"})
    assert bad.status_code == 422
    done = web.post("/contracts/create", data={"title": "Service", "party_id": party_id,
                                               "currency": "RON", "value": "100"})
    assert done.status_code == 302
    detail = web.get(done.headers["Location"])
    assert detail.status_code == 200 and "Service" in detail.get_data(as_text=True)
    contract_id = int(done.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    assert web.get(f"/contracts/contract/{contract_id}/pdf").status_code == 202  # asked for
    pdf = web.get(f"/contracts/contract/{contract_id}/pdf")  # the job ran after commit
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
