"""Global search: providers' results, only records the user may read, dropdown and page."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from core import hookimpl
from core.kernel import kontora
from tests.sample_plugin.models import SampleNote


@pytest.fixture
def people(app, sign_in):
    ann = sign_in("ann", ["sample.read"], scope="own")
    bob = sign_in("bob", ["sample.read"], scope="all")
    eve = sign_in("eve", [])
    with kontora(app).db.unit() as s:
        s.execute(insert(SampleNote), [
            {"title": "Budget of Ann", "owner_id": ann.user_id},
            {"title": "Budget of Bob", "owner_id": bob.user_id},
            {"title": "Holiday plan", "owner_id": ann.user_id},
        ])
    return {"ann": ann, "bob": bob, "eve": eve}


def test_search_returns_only_records_the_user_may_read(people):
    ann = people["ann"].get("/search?q=budget").get_data(as_text=True)
    assert "Budget of Ann" in ann and "Budget of Bob" not in ann
    bob = people["bob"].get("/search?q=budget").get_data(as_text=True)
    assert "Budget of Ann" in bob and "Budget of Bob" in bob and "Holiday" not in bob
    eve = people["eve"].get("/search?q=budget").get_data(as_text=True)
    assert "Budget of" not in eve and "Nothing found" in eve


def test_dropdown_links_to_records_and_all_results(people):
    page = people["bob"].get("/search/dropdown?q=holiday").get_data(as_text=True)
    assert "Holiday plan" in page and 'href="/sample/notes/' in page
    assert 'href="/search?q=holiday"' in page
    assert people["bob"].get("/search/dropdown?q=").get_data(as_text=True).strip() == ""


def test_results_from_every_provider_are_grouped(app, people):
    class Provider:
        @hookimpl
        def kontora_search_providers(self):
            return [lambda principal, text, limit: [
                {"kind": "other.thing", "id": 1, "title": f"Thing about {text}",
                 "url": "/things/1"}]]

    kontora(app).pm.register(Provider())
    page = people["bob"].get("/search?q=plan").get_data(as_text=True)
    assert "Thing about plan" in page and "Holiday plan" in page
    assert page.index("Holiday plan") < page.index("Thing about plan")  # kernel first


def test_offers_orders_and_products_are_found_without_diacritics(sign_in):
    """The sales kinds fold their searched text too: "brasov" finds "Brașov", "USA" finds
    "Ușă", in their lists, the API and the global search, exact titles first."""
    from plugins.catalog.models import Product
    from plugins.offers.models import Offer
    from plugins.orders.models import Order
    from tests.plugins.offers.conftest import make_client

    boss = sign_in("bea", ["offers.read", "orders.read", "catalog.read"])
    with kontora(boss.app).db.unit() as s:
        party = make_client("Carpați SRL").id
        s.add_all([
            Offer(title="Rafturi pentru Brașov", currency="RON", party_id=party),
            Offer(title="Brașov", currency="RON", party_id=party),
            Offer(title="Mese birou", currency="RON", party_id=party),
            Order(currency="RON", party_id=party, notes="Livrare la depozitul din Brașov"),
            Product(code="U-1", name="Ușă metalică", price="10", currency="RON",
                    vat_rate="19")])
    found = boss.get("/search?q=BRASOV").get_data(as_text=True)
    assert found.index(">Brașov\n") < found.index("Rafturi pentru Brașov")
    assert "Mese birou" not in found and "Order #" in found
    assert "Ușă metalică" in boss.get("/search?q=usa").get_data(as_text=True)
    listing = boss.get("/offers/?q=brasov").get_data(as_text=True)
    assert "Rafturi pentru Brașov" in listing and "Mese birou" not in listing
    assert 'data-list-count="1"' in boss.get("/orders/?q=brasov").get_data(as_text=True)
    assert "Ușă metalică" in boss.get("/catalog/products/?q=usa").get_data(as_text=True)
    api = boss.get("/api/v1/offers.offer?q=rafturi brasov").get_json()
    assert [o["title"] for o in api["items"]] == ["Rafturi pentru Brașov"]


def test_contracts_and_protocols_are_found_without_diacritics(sign_in):
    """Contracts and acceptance protocols fold their searched text: "CARPATI" finds
    "Carpați", "brasov" finds "Brașov", in their lists and the global search."""
    from datetime import date

    from plugins.contracts.models import AcceptanceProtocol, Contract
    from tests.plugins.offers.conftest import make_client

    boss = sign_in("bea", ["contracts.read"])
    with kontora(boss.app).db.unit() as s:
        party = make_client("Carpați SRL").id
        s.add_all([
            Contract(number="CTR-B1", title="Mentenanță Carpați", currency="RON",
                     party_id=party),
            Contract(number="CTR-M2", title="Mese birou", currency="RON", party_id=party),
            AcceptanceProtocol(number="PV-B1", party_id=party, source_kind="orders.order",
                               source_id=1, source_reference="Comanda din Brașov",
                               delivered_on=date(2026, 12, 1))])
    found = boss.get("/search?q=CARPATI").get_data(as_text=True)
    assert "CTR-B1" in found and "CTR-M2" not in found
    assert "PV-B1" in boss.get("/search?q=brasov").get_data(as_text=True)
    listing = boss.get("/contracts/?q=carpati").get_data(as_text=True)
    assert 'data-list-count="1"' in listing and "Mentenanță Carpați" in listing
    protocols = boss.get("/contracts/protocols/?q=BRASOV").get_data(as_text=True)
    assert 'data-list-count="1"' in protocols and "PV-B1" in protocols


def test_complaints_and_shipments_are_found_without_diacritics(sign_in):
    """Complaints and shipments fold their searched text: "brasov" finds a shipment to
    "Brașov" and "CARPATI" a complaint about "Carpați", in their lists and the global search."""
    from plugins.complaints.models import Complaint
    from plugins.orders.models import Order
    from plugins.shipping.models import Shipment
    from tests.plugins.offers.conftest import make_client

    boss = sign_in("bea", ["complaints.read", "shipping.read"])
    with kontora(boss.app).db.unit() as s:
        party = make_client("Carpați SRL").id
        order = Order(currency="RON", party_id=party)
        s.add(order)
        s.flush()
        s.add_all([
            Shipment(number="EXP-B1", order_id=order.id, party_id=party,
                     delivery_address="Str. Lungă 12, Brașov"),
            Shipment(number="EXP-C2", order_id=order.id, party_id=party,
                     delivery_address="Str. Mare 1, Cluj"),
            Complaint(number="REC-B1", party_id=party, subject_kind="orders.order",
                      subject_id=order.id, description="Ușa livrată la Carpați e zgâriată"),
            Complaint(number="REC-C2", party_id=party, subject_kind="orders.order",
                      subject_id=order.id, description="Lipsește o cutie")])
    found = boss.get("/search?q=brasov").get_data(as_text=True)
    assert "EXP-B1" in found and "EXP-C2" not in found
    found = boss.get("/search?q=CARPATI zgariata").get_data(as_text=True)
    assert "REC-B1" in found and "REC-C2" not in found
    listing = boss.get("/shipping/?q=BRASOV").get_data(as_text=True)
    assert 'data-list-count="1"' in listing and "EXP-B1" in listing
    listing = boss.get("/complaints/?q=carpati").get_data(as_text=True)
    assert 'data-list-count="1"' in listing and "REC-B1" in listing


def test_payments_are_found_without_diacritics(sign_in):
    """Payments fold their reference and notes: "brasov" finds "Încasare Brașov" in the
    payment list and the global search."""
    from datetime import date

    from plugins.payments.models import Payment
    from tests.plugins.offers.conftest import make_client

    boss = sign_in("bea", ["payments.read"])
    with kontora(boss.app).db.unit() as s:
        party = make_client("Carpați SRL").id
        s.add_all([
            Payment(party_id=party, method="transfer", amount="10", currency="RON",
                    paid_on=date(2026, 12, 1), receipt_number="CH-B1",
                    reference="Încasare Brașov"),
            Payment(party_id=party, method="transfer", amount="20", currency="RON",
                    paid_on=date(2026, 12, 2), receipt_number="CH-C2", reference="Cluj")])
    found = boss.get("/search?q=BRASOV").get_data(as_text=True)
    assert "CH-B1" in found and "CH-C2" not in found
    listing = boss.get("/payments/?q=incasare brasov").get_data(as_text=True)
    assert 'data-list-count="1"' in listing and "CH-B1" in listing


def test_invoices_are_found_without_diacritics(sign_in):
    """Invoices fold their number, reference and notes: "BRASOV" finds the one for
    "Comanda Brașov" in the global search and the API."""
    from plugins.invoicing.models import Invoice
    from tests.plugins.offers.conftest import make_client

    boss = sign_in("bea", ["invoicing.read"])
    with kontora(boss.app).db.unit() as s:
        party = make_client("Carpați SRL").id
        s.add_all([
            Invoice(number="FCT-B1", series="FCT", party_id=party, currency="RON",
                    reference="Comanda Brașov"),
            Invoice(number="FCT-C2", series="FCT", party_id=party, currency="RON",
                    reference="Comanda Cluj")])
    found = boss.get("/search?q=BRASOV").get_data(as_text=True)
    assert "FCT-B1" in found and "FCT-C2" not in found
    api = boss.get("/api/v1/invoicing.invoice?q=comanda brasov").get_json()
    assert [i["number"] for i in api["items"]] == ["FCT-B1"]
