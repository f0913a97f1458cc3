"""A conversation that became a lead or belongs to a client keeps its replies: they are
filed on that lead (on its client once converted) or client, shown on its timeline, and
never offered as a second lead."""

from __future__ import annotations

from sqlalchemy import func, select

from core.kernel import kontora
from plugins.activities.models import Activity
from plugins.leads.mailbox import services
from plugins.leads.mailbox.models import InboxMessage
from plugins.leads.models import Lead
from plugins.leads.services.convert import convert_lead
from plugins.leads.services.leads import update_lead
from plugins.parties.models import Client
from tests.plugins.leads.conftest import SALES, as_staff, make_user
from tests.plugins.leads.mailbox import messages as m

READER = [*SALES, "leads.mailbox.read"]
ANA = "Ana Pop <ana@birou.ro>"


def rows(session) -> dict[str, InboxMessage]:
    return {r.message_id: r for r in session.scalars(select(InboxMessage))}


def emails_on(session, kind: str, record_id: int) -> list[str]:
    return list(session.scalars(select(Activity.subject).where(
        Activity.type == "email", Activity.record_kind == kind, Activity.record_id == record_id)
        .order_by(Activity.id)))


def test_replies_to_a_lead_are_filed_on_it_and_on_its_client_once_converted(
        mailbox, poll, unit):
    mailbox.deliver(m.plain(ANA, "Cerere ofertă mobilier", "Bună ziua", "<a1@birou.ro>"))
    poll()
    with unit() as s:
        ann = as_staff(make_user("ann", READER))
        lead_id = services.convert_to_lead(ann, rows(s)["<a1@birou.ro>"].id).id
    mailbox.deliver(
        m.plain(ANA, "Re: Cerere ofertă mobilier", "Şi 4 scaune", "<a2@birou.ro>",
                in_reply_to="<a1@birou.ro>"),
        m.plain("Dan Pop <dan@birou.ro>", "RE: Cerere ofertă mobilier", "Eu plătesc",
                "<a3@birou.ro>", references="<a1@birou.ro> <our-reply@kontora.example>"),
        m.plain("Dan Pop <dan@birou.ro>", "Alt subiect", "Nu e legat", "<other@birou.ro>"))
    poll()
    with unit() as s:
        found = rows(s)
        assert [found[i].lead_id for i in ("<a2@birou.ro>", "<a3@birou.ro>")] == [lead_id] * 2
        assert found["<other@birou.ro>"].lead_id is None
        assert emails_on(s, "leads.lead", lead_id) == [
            "Re: Cerere ofertă mobilier", "RE: Cerere ofertă mobilier"]
        assert found["<a2@birou.ro>"].activity_id is not None
        ann = as_staff(make_user("ann2", READER))
        assert services.convert_to_lead(ann, found["<a3@birou.ro>"].id).id == lead_id
        assert s.scalar(select(func.count()).select_from(Lead)) == 1
        update_lead(ann, lead_id, {"company_name": "Birou SRL", "country": "RO"})
        client_id = convert_lead(ann, lead_id).id
    mailbox.deliver(m.plain(ANA, "Re: Re: Cerere ofertă mobilier", "Mulţumesc",
                            "<a4@birou.ro>", references="<a1@birou.ro> <a2@birou.ro>"))
    poll()
    with unit() as s:
        reply = rows(s)["<a4@birou.ro>"]
        assert (reply.lead_id, reply.client_id) == (lead_id, client_id)
        on_client = emails_on(s, "parties.client", client_id)  # the lead's moved along
        assert on_client[-1] == "Re: Re: Cerere ofertă mobilier"
        assert on_client.count("Re: Re: Cerere ofertă mobilier") == 1
        assert s.scalar(select(func.count()).select_from(Lead)) == 1


def test_a_reply_to_client_mail_goes_to_that_client_whoever_sends_it(mailbox, poll, unit):
    with unit() as s:
        owner = make_user("ann", READER)
        client = Client(kind="legal_entity", name="Birou SRL", name_key="birou",
                        country="RO", email="office@birou.ro", owner_id=owner.id)
        s.add(client)
        s.flush()
        client_id = client.id
    mailbox.deliver(
        m.plain("Birou <office@birou.ro>", "Comanda 12", "Trimiteţi factura", "<c1@birou.ro>"),
        m.plain("Contabil <contabil@firma-externa.ro>", "Re: Comanda 12", "Eu o preiau",
                "<c2@firma-externa.ro>", in_reply_to="<c1@birou.ro>"))
    poll()
    with unit() as s:
        found = rows(s)
        assert found["<c2@firma-externa.ro>"].client_id == client_id
        assert emails_on(s, "parties.client", client_id) == ["Comanda 12", "Re: Comanda 12"]


def test_a_conversation_made_into_a_lead_takes_its_earlier_replies_along(mailbox, poll, unit):
    mailbox.deliver(
        m.plain(ANA, "Birouri", "Cât costă?", "<b1@birou.ro>"),
        m.plain(ANA, "Re: Birouri", "Şi livrarea?", "<b2@birou.ro>", in_reply_to="<b1@birou.ro>"))
    poll()
    with unit() as s:
        ann = as_staff(make_user("ann", READER))
        found = rows(s)
        lead = services.convert_to_lead(ann, found["<b1@birou.ro>"].id)
        assert found["<b2@birou.ro>"].lead_id == lead.id
        assert services.convert_to_lead(ann, found["<b2@birou.ro>"].id).id == lead.id
        assert emails_on(s, "leads.lead", lead.id) == ["Re: Birouri"]
        assert s.scalar(select(func.count()).select_from(Lead)) == 1


def test_a_filed_reply_offers_the_lead_not_a_new_one(app, mailbox, poll, sign_in, seeded):
    mailbox.deliver(m.romanian_qp())
    poll()
    browser = sign_in("ann", READER)
    with app.app_context(), kontora(app).db.unit() as s:
        first = s.scalar(select(InboxMessage)).id
    assert browser.post(f"/leads/mailbox/{first}/lead").status_code == 302
    mailbox.deliver(m.plain("Ion Popescu <ion.popescu@lemnaria.ro>", f"Re: {m.RO_SUBJECT}",
                            "Şi 2 mese", "<ro-2@lemnaria.ro>", in_reply_to="<ro-1@lemnaria.ro>"))
    poll()
    with app.app_context(), kontora(app).db.unit() as s:
        reply = rows(s)["<ro-2@lemnaria.ro>"]
        reply_id, lead_id = reply.id, reply.lead_id
    page = browser.get(f"/leads/mailbox/{reply_id}").get_data(as_text=True)
    assert "Open the lead" in page and "Make a lead" not in page
    lead_page = browser.get(f"/leads/{lead_id}").get_data(as_text=True)
    assert f"Re: {m.RO_SUBJECT}" in lead_page  # on the lead's timeline
