"""The offers and orders sections: the client sees the offers sent to it, downloads the
PDF, accepts or declines through the offers plugin's decision service, and follows its
orders with their status history; other clients' records are 404."""

from __future__ import annotations

from typing import Any

from core.app import kontora
from core.identity.users import principal_for
from tests.plugins.portal.conftest import invited
from tests.plugins.shipping.conftest import LINES


def sent_offer(app: Any, staff_id: int, client_id: int, title: str) -> int:
    from plugins.offers.services import create_offer, send_offer

    with app.test_request_context(), kontora(app).db.unit():
        staff = principal_for(staff_id)
        offer = create_offer(staff, {"title": title, "currency": "RON", "party_id": client_id,
                                     "lines": LINES})
        send_offer(staff, offer.id, {"to": "office@example.test"})
        return offer.id


def draft_offer(app: Any, staff_id: int, client_id: int) -> int:
    from plugins.offers.services import create_offer

    with app.test_request_context(), kontora(app).db.unit():
        return create_offer(principal_for(staff_id), {
            "title": "Not sent yet", "currency": "RON", "party_id": client_id,
            "lines": LINES}).id


def test_the_client_accepts_its_offer(papp, smtp_inbox, two_clients):
    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    mine = sent_offer(papp, two_clients["staff"], two_clients["a"], "Scaffolding for Alfa")
    draft = draft_offer(papp, two_clients["staff"], two_clients["a"])
    theirs = sent_offer(papp, two_clients["staff"], two_clients["b"], "Trucks for Beta")
    listing = alfa.get("/portal/offers/").get_data(as_text=True)
    assert "Scaffolding for Alfa" in listing
    assert "Not sent yet" not in listing and "Trucks for Beta" not in listing
    assert "Offers" in alfa.get("/portal/").get_data(as_text=True)  # in the navigation
    assert alfa.get(f"/portal/offers/{draft}").status_code == 404
    assert alfa.get(f"/portal/offers/{theirs}").status_code == 404
    assert alfa.get(f"/portal/offers/{theirs}/pdf").status_code == 404
    page = f"/portal/offers/{mine}"
    assert "Accept the offer" in alfa.get(page).get_data(as_text=True)
    assert alfa.get(f"{page}/pdf").status_code in (200, 202)
    refused = alfa.post(f"/portal/offers/{theirs}/decide", {"decision": "accept"},
                        form_page=page)
    assert refused.status_code == 404
    bad = alfa.post(f"{page}/decide", {"decision": "maybe"}, form_page=page)
    assert bad.status_code == 422
    accepted = alfa.post(f"{page}/decide", {"decision": "accept", "comment": "Go ahead"},
                         form_page=page)
    assert accepted.status_code == 303
    shown = alfa.get(page).get_data(as_text=True)
    assert "is accepted" in shown and "Accept the offer" not in shown
    again = alfa.post(f"{page}/decide", {"decision": "decline"}, form_page=page,
                      follow_redirects=True)
    assert "cannot be moved" in again.get_data(as_text=True)  # the first answer stands
    from plugins.offers.models import Offer

    with papp.app_context(), kontora(papp).db.unit() as s:
        assert s.get(Offer, mine).status == "accepted"
        assert s.get(Offer, mine).decision_comment == "Go ahead"
        assert s.get(Offer, theirs).status != "accepted"


def test_the_client_follows_its_orders_and_their_statuses(papp, smtp_inbox, two_clients):
    from plugins.orders.services import confirm_order, create_order

    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    ids = {}
    with papp.test_request_context(), kontora(papp).db.unit():
        staff = principal_for(two_clients["staff"])
        for name, client in (("mine", "a"), ("theirs", "b"), ("draft", "a")):
            order = create_order(staff, {"party_id": two_clients[client], "currency": "RON",
                                         "lines": LINES})
            if name != "draft":
                confirm_order(staff, order.id)
            ids[name] = order.id
    listing = alfa.get("/portal/orders/").get_data(as_text=True)
    assert f"/portal/orders/{ids['mine']}\"" in listing
    assert f"/portal/orders/{ids['theirs']}\"" not in listing
    assert f"/portal/orders/{ids['draft']}\"" not in listing
    page = alfa.get(f"/portal/orders/{ids['mine']}").get_data(as_text=True)
    history = page.split("data-history>")[1].split("</ol>")[0]
    assert "Confirmed" in history  # from the audit log of the order
    assert alfa.get(f"/portal/orders/{ids['theirs']}").status_code == 404
    assert alfa.get(f"/portal/orders/{ids['draft']}").status_code == 404


def test_the_client_sees_its_invoices_and_downloads_them(papp, smtp_inbox, two_clients):
    from plugins.invoicing.services.documents import create_invoice
    from plugins.invoicing.services.issuing import issue_invoice
    from plugins.parties.models import Address
    from tests.plugins.invoicing.conftest import line, make_seller

    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    ids = {}
    with papp.test_request_context(), kontora(papp).db.unit() as s:
        make_seller()
        staff = principal_for(two_clients["staff"])
        for client in ("a", "b"):
            s.add(Address(client_id=two_clients[client], use="registered", street="Str. 1",
                          city="Cluj-Napoca", region="RO-CJ", postal_code="400001",
                          country="RO", is_default=True))
        for name, client in (("mine", "a"), ("theirs", "b"), ("draft", "a")):
            doc = create_invoice(staff, {"party_id": two_clients[client], "currency": "RON",
                                         "lines": [line()]})
            if name != "draft":
                issue_invoice(staff, doc.id)
            ids[name] = doc.id
    listing = alfa.get("/portal/invoices/").get_data(as_text=True)
    assert f"/portal/invoices/{ids['mine']}/pdf" in listing
    assert f"/portal/invoices/{ids['theirs']}/pdf" not in listing
    assert f"/portal/invoices/{ids['draft']}/pdf" not in listing
    assert "data-balance" in listing
    xml = alfa.get(f"/portal/invoices/{ids['mine']}/xml")
    assert xml.status_code == 200 and b"<Invoice" in xml.data
    assert alfa.get(f"/portal/invoices/{ids['mine']}/pdf").status_code in (200, 202)
    for kind in ("pdf", "xml"):
        assert alfa.get(f"/portal/invoices/{ids['theirs']}/{kind}").status_code == 404
        assert alfa.get(f"/portal/invoices/{ids['draft']}/{kind}").status_code == 404


def test_staff_see_the_portal_as_a_client_read_only_and_audited(papp, smtp_inbox, two_clients):
    from sqlalchemy import select

    from core.audit.models import AuditEntry
    from core.identity.models import User
    from core.identity.users import staff_session_id
    from tests.core.web.conftest import Browser
    from tests.plugins.orders.conftest import make_user

    mine = sent_offer(papp, two_clients["staff"], two_clients["a"], "Scaffolding for Alfa")
    theirs = sent_offer(papp, two_clients["staff"], two_clients["b"], "Trucks for Beta")
    with papp.app_context(), kontora(papp).db.unit() as s:
        user = s.get(User, two_clients["staff"])
        plain = Browser(papp, user.id, staff_session_id(user))  # no portal.view_as
        boss = make_user("boss", ["portal.view_as", "portal.invite", "parties.read"])
        manager = Browser(papp, boss.id, staff_session_id(boss))
    assert plain.post(f"/portal/view-as/{two_clients['a']}").status_code == 403
    assert plain.get("/portal/").status_code == 302  # still no portal for them
    profile = manager.get(f"/clients/{two_clients['a']}").get_data(as_text=True)
    assert "See the portal as this client" in profile
    assert manager.post(f"/portal/view-as/{two_clients['a']}").status_code == 302
    home = manager.get("/portal/").get_data(as_text=True)
    assert "Alfa Construct SRL" in home and "data-viewing" in home
    listing = manager.get("/portal/offers/").get_data(as_text=True)
    assert "Scaffolding for Alfa" in listing and "Trucks for Beta" not in listing
    assert manager.get(f"/portal/offers/{theirs}").status_code == 404
    refused = manager.post(f"/portal/offers/{mine}/decide", {"decision": "accept"})
    assert refused.status_code == 403  # read-only
    assert manager.get("/clients/").status_code == 200  # the staff pages stay staff's
    assert manager.post("/portal/view-as/end").status_code == 302
    assert manager.get("/portal/").status_code == 302
    with papp.app_context(), kontora(papp).db.unit() as s:
        from plugins.offers.models import Offer

        assert s.get(Offer, mine).status != "accepted"
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "portal-view")).one()
        assert (entry.record_kind, entry.record_id, entry.actor_id) == (
            "parties.client", two_clients["a"], boss.id)


def test_an_inquiry_becomes_a_lead_for_the_owner(papp, smtp_inbox, two_clients):
    from sqlalchemy import select

    from plugins.leads.models import Lead
    from plugins.leads.seed import seed_defaults

    with papp.app_context(), kontora(papp).db.unit() as s:
        seed_defaults(s)  # the sales pipeline a new lead enters
    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    page = "/portal/inquiry/"
    assert "Ask us" in alfa.get("/portal/").get_data(as_text=True)
    empty = alfa.post(page, {"title": "", "description": ""}, form_page=page)
    assert empty.status_code == 422
    assert empty.get_data(as_text=True).count("is-invalid") == 2
    ask = {"title": "Scaffolding for a second site", "description": "About 400 m2 in May."}
    first = alfa.post(page, ask, form_page=page)
    assert first.status_code == 303, first.get_data(as_text=True)
    assert alfa.post(page, ask, form_page=page).status_code == 303  # a double click
    with papp.app_context(), kontora(papp).db.unit() as s:
        lead = s.scalars(select(Lead)).one()
        assert (lead.source, lead.client_id, lead.owner_id) == (
            "portal", two_clients["a"], two_clients["staff"])
        assert lead.title == "Scaffolding for a second site"
