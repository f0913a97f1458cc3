"""Filing what arrives: threads, automatic mail apart, known contacts, one-click leads."""

from __future__ import annotations

import hashlib
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from core.errors import Conflict, Forbidden, ValidationError
from plugins.activities.models import Activity, Attachment, Note
from plugins.leads.mailbox import services
from plugins.leads.mailbox.ingest import subject_key
from plugins.leads.mailbox.models import InboxMessage, MailboxState
from plugins.leads.models import Lead
from plugins.parties.models import Client, ClientContact, Contact, ContactMethod
from tests.plugins.leads.conftest import SALES, as_staff, make_user
from tests.plugins.leads.mailbox import messages as m

READER = [*SALES, "leads.mailbox.read"]


def rows(session) -> dict[str, InboxMessage]:
    return {r.message_id: r for r in session.scalars(select(InboxMessage))}


def test_replies_join_their_thread_by_headers_or_by_subject(mailbox, poll, unit):
    client = "Ana Pop <ana@birou.ro>"
    mailbox.deliver(
        m.plain(client, "Cerere ofertă mobilier", "Bună ziua", "<t1@birou.ro>"),
        m.plain("Vânzări <vanzari@kontora.example>", "Re: Cerere ofertă mobilier", "Sigur",
                "<t2@kontora.example>", in_reply_to="<t1@birou.ro>"),
        m.plain(client, "RE: Re: Cerere ofertă mobilier", "Mulţumesc", "<t3@birou.ro>",
                references="<t1@birou.ro> <t2@kontora.example>"),
        m.plain(client, "Fwd: RE: Cerere ofertă mobilier", "Încă o întrebare", "<t4@birou.ro>"),
        m.plain("Altcineva <x@alta.ro>", "Re: Cerere ofertă mobilier", "Alt subiect",
                "<t5@alta.ro>"),
        m.plain("Олег <oleg@torg.ru>", "Прайс-лист", "Пришлите прайс", "<r1@torg.ru>"),
        m.plain("Олег <oleg@torg.ru>", "Отв: Прайс-лист", "Спасибо", "<r2@torg.ru>"),
    )
    poll()
    with unit() as s:
        found = rows(s)
        first = found["<t1@birou.ro>"].id
        assert [found[f"<t{n}@{d}>"].thread_id for n, d in (
            (1, "birou.ro"), (2, "kontora.example"), (3, "birou.ro"), (4, "birou.ro"))] == \
            [first] * 4
        assert found["<t5@alta.ro>"].thread_id == found["<t5@alta.ro>"].id
        assert found["<r2@torg.ru>"].thread_id == found["<r1@torg.ru>"].id
        thread = services.thread(as_staff(make_user("ann", READER)), found["<t3@birou.ro>"])
        assert [t.message_id for t in thread][:2] == ["<t1@birou.ro>", "<t2@kontora.example>"]
    assert subject_key("Re[2]: FW: Отг: Оферта") == "оферта"


def test_automatic_and_bulk_mail_is_filed_apart_and_never_a_lead(mailbox, poll, unit):
    with unit():
        admin = make_user("adm", [*READER, "leads.mailbox.admin"])
        services.block_sender(as_staff(admin), {"pattern": "@Spam-Firma.example"})
    mailbox.deliver(m.auto_reply(), m.newsletter(), m.no_reply(), m.bounce(),
                    m.plain("Oferte <oferte@mail.spam-firma.example>", "Super preţ", "Cumpăraţi",
                            "<s1@spam-firma.example>"),
                    m.romanian_qp())
    poll()
    with unit() as s:
        found = rows(s)
        assert {k: (v.kind, v.automatic_reason) for k, v in found.items()} == {
            "<ooo-1@lemnaria.ro>": ("automatic", "auto-submitted"),
            "<news-1@magazin.example>": ("automatic", "bulk"),
            "<awb-1@curier.example>": ("automatic", "no-reply"),
            "<bounce-1@mx.kontora.example>": ("automatic", "bounce"),
            "<s1@spam-firma.example>": ("automatic", "blocked"),
            "<ro-1@lemnaria.ro>": ("inbox", None),
        }
        reader = as_staff(make_user("ann", READER))
        inbox = services.list_messages(reader, kind="inbox")
        assert [r.message_id for r in inbox.items] == ["<ro-1@lemnaria.ro>"]
        with pytest.raises(Conflict):
            services.convert_to_lead(reader, found["<news-1@magazin.example>"].id)
        assert s.scalar(select(func.count()).select_from(Lead)) == 0


def test_blocking_moves_waiting_mail_and_needs_the_admin_permission(mailbox, poll, unit):
    mailbox.deliver(m.plain("Promo <promo@reclame.example>", "Ofertă", "Text", "<p1@x>"),
                    m.romanian_qp())
    poll()
    with unit() as s:
        reader = as_staff(make_user("ann", READER))
        admin = as_staff(make_user("adm", [*READER, "leads.mailbox.admin"]))
        with pytest.raises(Forbidden):
            services.block_sender(reader, {"pattern": "reclame.example"})
        for bad in ("", "not a domain", "a@b@c", "x" * 300, "@"):
            with pytest.raises(ValidationError) as error:
                services.block_sender(admin, {"pattern": bad})
            assert "pattern" in error.value.fields
        entry = services.block_sender(admin, {"pattern": "reclame.example", "note": "spam"})
        with pytest.raises(ValidationError):
            services.block_sender(admin, {"pattern": "RECLAME.example"})
        assert {r.message_id: r.kind for r in rows(s).values()} == {
            "<p1@x>": "automatic", "<ro-1@lemnaria.ro>": "inbox"}
        services.unblock_sender(admin, entry.id)
        assert services.blocked_senders(admin) == []


def _client_with_contact(session, owner_id: int) -> Client:
    client = Client(kind="legal_entity", name="Lemnaria SRL", name_key="lemnaria",
                    country="RO", owner_id=owner_id)
    contact = Contact(name="Ion Popescu", methods=[
        ContactMethod(channel="email", value="ion.popescu@lemnaria.ro", preferred=True)])
    session.add_all([client, contact])
    session.flush()
    session.add(ClientContact(client_id=client.id, contact_id=contact.id, is_primary=True))
    other = Client(kind="legal_entity", name="Ofis Sofia EOOD", name_key="ofis sofia",
                   country="BG", email="maria@ofis-sofia.bg", owner_id=owner_id)
    session.add(other)
    session.flush()
    return client


def test_mail_from_known_contacts_goes_on_the_client_timeline_once(mailbox, poll, unit):
    with unit() as s:
        owner_id = make_user("ann", READER).id
        client_id = _client_with_contact(s, owner_id).id
    mailbox.deliver(m.romanian_qp(), m.auto_reply(), m.bulgarian_base64_with_pdf(),
                    m.html_only_hostile())
    poll()
    with unit() as s:
        state = s.scalar(select(MailboxState))
        state.last_uid = 0  # read everything again: nothing may be logged twice
    poll()
    with unit() as s:
        found = rows(s)
        activities = list(s.scalars(select(Activity).order_by(Activity.id)))
        assert [(a.type, a.status, a.record_kind, a.subject) for a in activities] == [
            ("email", "done", "parties.client", m.RO_SUBJECT),
            ("email", "done", "parties.client", m.BG_SUBJECT)]
        ro = activities[0]
        assert (ro.record_id, ro.owner_id) == (client_id, owner_id)
        assert ro.description == m.RO_BODY.strip()
        assert [(p.name, p.email) for p in ro.participants] == [
            ("Ion Popescu Ş.R.L.", "ion.popescu@lemnaria.ro")]
        assert found["<ro-1@lemnaria.ro>"].activity_id == ro.id
        assert found["<ro-1@lemnaria.ro>"].client_id == client_id
        assert found["<ooo-1@lemnaria.ro>"].activity_id is None  # automatic mail stays out
        assert found["<html-1@mobila-cluj.ro>"].client_id is None
        reader = as_staff(make_user("bob", READER))
        assert {r.message_id for r in services.list_messages(reader, state="client").items} \
            == {"<ro-1@lemnaria.ro>", "<bg-1@ofis-sofia.bg>"}


def test_one_click_turns_a_message_into_a_lead_with_note_and_files(mailbox, poll, unit):
    mailbox.deliver(m.bulgarian_base64_with_pdf())
    poll()
    with unit() as s:
        ann = make_user("ann", READER)
        message = s.scalar(select(InboxMessage))
        lead = services.convert_to_lead(as_staff(ann), message.id)
        assert (lead.source, lead.title, lead.person_name, lead.email, lead.owner_id) == (
            "email", m.BG_SUBJECT, "Мария Иванова", "maria@ofis-sofia.bg", ann.id)
        assert [(c.name, c.email, c.is_primary) for c in lead.contacts] == [
            ("Мария Иванова", "maria@ofis-sofia.bg", True)]
        note = s.scalar(select(Note).where(Note.record_kind == "leads.lead",
                                           Note.record_id == lead.id))
        assert note.kind == "note" and m.BG_BODY.strip() in note.body
        assert "maria@ofis-sofia.bg" in note.body
        files = list(s.scalars(select(Attachment).where(Attachment.note_id == note.id)))
        assert [(f.content_type, f.sha256) for f in files] == [
            ("application/pdf", hashlib.sha256(m.PDF).hexdigest())]
        assert message.lead_id == lead.id
        again = services.convert_to_lead(as_staff(ann), message.id)
        assert again.id == lead.id
        assert s.scalar(select(func.count()).select_from(Lead)) == 1
        assert [r.id for r in services.list_messages(as_staff(ann), state="lead").items] == \
            [message.id]
        assert services.list_messages(as_staff(ann), state="new").items == []


def test_reading_the_mailbox_needs_its_permission(mailbox, poll, unit):
    mailbox.deliver(m.romanian_qp())
    poll()
    with unit() as s:
        outsider = as_staff(make_user("eve", SALES))
        message = s.scalar(select(InboxMessage))
        with pytest.raises(Forbidden):
            services.list_messages(outsider)
        with pytest.raises(Forbidden):
            services.get_message(outsider, message.id)
        with pytest.raises(Forbidden):
            services.convert_to_lead(outsider, message.id)


def test_files_copied_onto_a_lead_keep_their_names_and_types(app, mailbox, poll, unit,
                                                                 sign_in, seeded):
    mailbox.deliver(m.named_files())
    poll()
    with unit() as s:
        message = s.scalar(select(InboxMessage))
        assert [a.filename for a in message.attachments] == list(m.NAMED_FILES)
        lead = services.convert_to_lead(as_staff(make_user("ann", READER)), message.id)
        files = list(s.scalars(select(Attachment).where(Attachment.record_kind == "leads.lead",
                                                        Attachment.record_id == lead.id)
                               .order_by(Attachment.id)))
        assert [(f.filename, f.content_type) for f in files] == [
            ("Договор - проект 2026.pdf", "application/pdf"),
            ("бележки за срещата.txt", "text/plain"),
            ("Пересланное письмо.eml", "message/rfc822")]
        keys = {f.filename: f.storage_key for f in files}
    browser = sign_in("bob", READER)
    download = browser.get(f"/activities/files/{keys['Пересланное письмо.eml']}")
    assert download.status_code == 200
    assert download.headers["Content-Type"].startswith("message/rfc822")
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('Пересланное письмо.eml')}" in disposition
    assert b"Subject:" in download.data
