"""Lead -> offer through the document-content protocol, with a stand-in leads plugin."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from core.conversions import available_conversions, convert
from core.db import session
from core.errors import Forbidden, NotFound
from core.kernel import kontora
from tests.plugins.offers.conftest import as_staff, make_client, make_product, make_user
from tests.plugins.offers.fake_leads import FakeBase, FakeLead

PLUGINS = "parties,catalog,activities,offers,fakeleads"


@pytest.fixture
def lead_app(make_app, monkeypatch):
    monkeypatch.setattr("tests.conftest.TEST_PLUGINS",
                        ["tests.plugins.offers.fake_leads"])
    app = make_app(plugins=PLUGINS)
    engine = kontora(app).db.engine
    FakeBase.metadata.create_all(engine)
    yield app
    FakeBase.metadata.drop_all(engine)


def test_lead_becomes_an_offer(lead_app):
    with lead_app.app_context(), kontora(lead_app).db.unit():
        seller = make_user("sel", ["offers.read", "offers.write", "offers.convert",
                                   "leads.read", "parties.read", "catalog.read"])
        client = make_client("Lead Company SRL", seller)
        service = make_product("INST", "65.00", kind="service", unit="h")
        lead = FakeLead(name="Lead: heating for Lead Company", party_id=client.id,
                        owner_id=seller.id, product_id=service.id)
        session().add(lead)
        session().flush()
        principal = as_staff(seller)
        offered = available_conversions(principal, "leads.lead", lead.id)
        assert [o.conversion.target for o in offered] == ["offers.offer"]
        result = convert(principal, "leads.lead", lead.id, "offers.offer")
        offer = result.record
        assert result.created and offer.lead_id == lead.id and offer.party_id == client.id
        assert offer.recipient_email == "buyer@example.ro"
        assert offer.intro == "Measured on site on Tuesday."
        assert [(ln.description, ln.net, ln.is_service) for ln in offer.lines] == [
            ("Installation (calculator)", D("780.00"), True),
            ("Cable, 100 m", D("269.97"), False)]
        assert (offer.total_net, offer.total_vat, offer.total_gross) == (
            D("1049.97"), D("172.50"), D("1222.47"))
        again = convert(principal, "leads.lead", lead.id, "offers.offer")
        assert not again.created and again.target_id == offer.id

        from core.conversions import document_chain

        chain = document_chain("offers.offer", offer.id, principal)
        assert [(e.kind, e.record_id) for e in chain] == [("leads.lead", lead.id),
                                                          ("offers.offer", offer.id)]
        outsider = as_staff(make_user("out", ["offers.read", "offers.write", "leads.read"]))
        with pytest.raises(Forbidden):
            convert(outsider, "leads.lead", lead.id, "offers.offer")
        with pytest.raises(NotFound):
            convert(principal, "leads.lead", 999999, "offers.offer")


def test_without_leads_the_conversion_is_not_offered(make_app):
    from core.conversions import conversions

    app = make_app(plugins="parties,catalog,activities,offers")
    with app.app_context():
        assert "leads.lead" not in kontora(app).kinds
        assert ("leads.lead", "offers.offer") not in conversions()
