"""From an inquiry on the website to an order, with the real plugins together.

A visitor fills in the web form -> a lead -> the salesperson prices it with the cost
calculator from catalogue products -> "Create offer" (the conversion the offers plugin
declares) -> the offer is sent (a real SMTP server receives it, PDF attached) -> the client
follows the link in the e-mail, reads the offer and accepts it with a comment -> the lead
has become a client (leads listens for "offers.offer-accepted") -> an order appears for
that client with the offer's lines (orders' "create on acceptance") -> the document chain
shows lead, offer and order from every side -> the frozen PDF holds lines and totals.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pypdf
from sqlalchemy import select

from core.conversions import convert, document_chain
from core.db import session, utcnow
from tests.scenarios.conftest import (
    SALES_MANAGER,
    as_user,
    csrf_in,
    link_in,
    make_product,
    make_user,
)

SITE = "https://www.carpati.ro"
DECIDE = re.compile(r'<form method="post" action="http://kontora\.test([^"]+)"[^>]*'
                    r'data-decision-form')


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_inquiry_to_order(app, unit, smtp_inbox):
    year = utcnow().year

    # -- The company: Ana sells; the catalogue has cement and an installation service;
    #    orders are made when an offer is accepted; a contact form is on the website.
    def company() -> str:
        from plugins.leads.services.webforms import save_form
        from plugins.orders.services.admin import update_settings

        make_user("ana", SALES_MANAGER, email="ana@firma.test")
        make_product("CEM", "Cement 40 kg", "32.50")
        make_product("INST", "Installation", "65.00", vat="9", kind="service", unit="h")
        update_settings(as_user("ana"), create_on_acceptance=True)
        return save_form(as_user("ana"), {
            "name": "Contact us", "allowed_origins": SITE,
            "fields": [{"name": "company_name", "required": True, "labels": {}},
                       {"name": "person_name", "required": True, "labels": {}},
                       {"name": "email", "required": True, "labels": {}},
                       {"name": "country", "required": False, "labels": {}},
                       {"name": "description", "required": False, "labels": {}}],
            "thank_you": {"en": "Thank you, we will call you."}}).key
    form_key = unit(company)

    # -- A visitor sends the form from the company's website.
    visitor = app.test_client()
    sent = visitor.post(f"/api/v1/leads/forms/{form_key}", headers={"Origin": SITE}, json={
        "company_name": "Carpați Construct SRL", "person_name": "Ion Popescu",
        "email": "ion@carpati.test", "country": "RO",
        "description": "We need cement and its installation for a warehouse in Brașov."})
    assert sent.status_code == 200, sent.get_json()
    assert sent.get_json()["message"] == "Thank you, we will call you."
    (told,) = smtp_inbox.messages            # the form's owner hears of the new lead
    assert told["To"] == "ana@firma.test"

    def the_lead() -> Any:
        from plugins.leads.models import Lead

        return session().scalars(select(Lead)).one()
    lead = unit(the_lead)
    assert (lead.source, lead.status, lead.client_id) == ("web_form", "open", None)

    # -- Ana prices the request in lei with the cost calculator: 40 bags, 6 hours at 10 % off.
    def price_it() -> None:
        from plugins.catalog.models import Product
        from plugins.leads.services.calculator import add_line
        from plugins.leads.services.leads import update_lead

        update_lead(as_user("ana"), lead.id, {"currency": "RON"})

        products = {p.code: p.id for p in session().scalars(select(Product))}
        add_line(as_user("ana"), lead.id, {"product_id": products["CEM"], "quantity": "40"})
        add_line(as_user("ana"), lead.id, {"product_id": products["INST"], "quantity": "6",
                                           "discount": "10"})
    unit(price_it)
    # 40 x 32.50 = 1300.00 and 6 x 65.00 - 10 % = 351.00: the lead's budget, before VAT
    assert unit(the_lead).budget == Decimal("1651.00")

    # -- "Create offer" on the lead: the conversion the offers plugin declares.
    def make_offer() -> int:
        result = convert(as_user("ana"), "leads.lead", lead.id, "offers.offer")
        assert result.created
        return result.target_id
    offer_id = unit(make_offer)

    def the_offer() -> Any:
        from plugins.offers.models import Offer

        return session().get(Offer, offer_id)
    offer = unit(the_offer)
    assert offer.lead_id == lead.id and offer.status == "draft"
    assert [(ln.description, ln.quantity, ln.net) for ln in unit(lambda: the_offer().lines)] == [
        ("Cement 40 kg", Decimal("40"), Decimal("1300.00")),
        ("Installation", Decimal("6"), Decimal("351.00"))]
    # VAT once per rate: 19 % of 1300.00 = 247.00, 9 % of 351.00 = 31.59
    assert (offer.total_net, offer.total_vat, offer.total_gross) == (
        Decimal("1651.00"), Decimal("278.59"), Decimal("1929.59"))

    # -- Ana sends it; the client receives the e-mail with the PDF and a link.
    def send() -> None:
        from plugins.offers.services import send_offer

        send_offer(as_user("ana"), offer_id, {"message": "As discussed on the phone."})
    unit(send)
    offer = unit(the_offer)
    assert offer.number == f"OF-{year}-00001" and offer.status == "sent"
    (mail,) = [m for m in smtp_inbox.messages if m["To"] == "ion@carpati.test"]
    assert offer.number in mail["Subject"]
    assert "As discussed on the phone." in mail.get_body(("plain",)).get_content()
    attached = next(p for p in mail.iter_attachments()
                    if p.get_content_type() == "application/pdf").get_content()

    # -- The client opens the link from the e-mail: the offer is marked as viewed.
    client = app.test_client()
    path = link_in(mail)
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Cement 40 kg" in html and "Installation" in html
    offer = unit(the_offer)
    assert offer.status == "viewed" and offer.view_count == 1 and offer.first_viewed_at

    # -- ... and accepts it with a comment, through the form on that page.
    answer = client.post(DECIDE.search(html).group(1), data={
        "csrf_token": csrf_in(html), "decision": "accept",
        "comment": "Please deliver on Monday."})
    assert answer.status_code == 200 and 'data-decided="accepted"' in answer.get_data(True)
    offer = unit(the_offer)
    assert offer.status == "accepted" and offer.decision_comment == "Please deliver on Monday."

    # -- The lead is won and has become a client, with Ion as its contact.
    def client_of_lead() -> tuple[Any, Any, list[str]]:
        from plugins.parties.models import Client

        lead = the_lead()
        party = session().get(Client, lead.client_id) if lead.client_id else None
        contacts = [c.contact.name for c in party.contact_links] if party else []
        return lead, party, contacts
    lead, party, contacts = unit(client_of_lead)
    assert lead.status == "won" and lead.converted_at is not None
    assert party is not None and party.name == "Carpați Construct SRL"
    assert party.country == "RO" and contacts == ["Ion Popescu"]
    assert party.status == "customer"               # its offer was accepted: a customer
    assert unit(the_offer).party_id == party.id      # the offer is now the client's

    # -- The order appeared for that client, with the offer's lines.
    def the_order() -> tuple[Any, list[tuple]]:
        from plugins.orders.models import Order

        order = session().scalars(select(Order)).one()
        return order, [(ln.description, ln.quantity, ln.unit_price, ln.discount, ln.vat_rate,
                        ln.net) for ln in order.lines]
    order, lines = unit(the_order)
    assert order.party_id == party.id and order.status == "draft"
    assert order.reference == offer.reference and order.owner_id == offer.owner_id
    assert lines == [
        ("Cement 40 kg", Decimal("40"), Decimal("32.50"), Decimal("0"), Decimal("19"),
         Decimal("1300.00")),
        ("Installation", Decimal("6"), Decimal("65.00"), Decimal("10"), Decimal("9"),
         Decimal("351.00"))]
    assert (order.total_net, order.total_vat, order.total_gross) == (
        offer.total_net, offer.total_vat, offer.total_gross)

    # -- The document chain: lead -> offer -> order, the same from every document.
    def chains() -> list[list[tuple[str, int]]]:
        ana = as_user("ana")
        return [[(d.kind, d.record_id) for d in document_chain(kind, rid, ana)]
                for kind, rid in (("leads.lead", lead.id), ("offers.offer", offer_id),
                                  ("orders.order", order.id))]
    expected = [("leads.lead", lead.id), ("offers.offer", offer_id), ("orders.order", order.id)]
    for chain in unit(chains):
        assert sorted(chain) == sorted(expected)

    # -- The frozen PDF: the one mailed, with the lines and totals.
    def frozen() -> Any:
        from core.documents import stored_pdf

        return stored_pdf("offers.offer", offer_id)
    stored = unit(frozen)
    assert stored is not None and stored.content == attached
    text = pdf_text(stored.content)
    for expected_text in (f"OF-{year}-00001", "Cement 40 kg", "Installation", "1,300.00",
                          "351.00", "1,651.00", "247.00", "31.59", "278.59", "1,929.59"):
        assert expected_text in text, expected_text

    # -- Numbering: the offers series issued OF-<year>-00001 to this offer, and no gap.
    def numbers() -> tuple[list, list]:
        from core.numbering import IssuedNumber, NumberSeries, gap_report

        series = session().scalars(select(NumberSeries).where(
            NumberSeries.code == "offers")).one()
        issued = [(n.number, n.record_kind, n.record_id) for n in session().scalars(
            select(IssuedNumber).where(IssuedNumber.series_id == series.id))]
        return issued, [(r.period, r.complete, r.missing) for r in gap_report(series)]
    issued, report = unit(numbers)
    assert issued == [(f"OF-{year}-00001", "offers.offer", offer_id)]
    assert report == [(str(year), True, [])]
