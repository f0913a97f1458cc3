"""A message in the company mailbox becomes a lead, then a client, with its timeline.

A real Dovecot holds the message (Bulgarian, base64, a PDF attached) -> the periodic job
reads it into the inbox -> Ana turns it into a lead with one click (sender -> contact,
text -> note, the PDF kept) -> she completes the company and converts the lead -> the
client has the sender as contact, and the note with its PDF is on the client's timeline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from core.db import session
from core.jobs.runner import run_job
from core.kernel import kontora
from plugins.leads.mailbox.jobs import JOB
from tests.fixtures.dovecot import Mailbox, dovecot_server, mailbox  # noqa: F401  (fixtures)
from tests.plugins.leads.mailbox import messages as m
from tests.scenarios.conftest import PLUGINS, SALES_MANAGER, as_user, make_user


@pytest.fixture
def mailbox_app(make_app: Callable[..., Any], mailbox: Mailbox) -> Any:  # noqa: F811
    """The sales plugins together, reading ``mailbox``, with the default pipeline."""
    from plugins.leads.seed import seed_defaults

    app = make_app(plugins=PLUGINS, KONTORA_MAILBOX_URL=mailbox.url)
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
    return app


def test_mailbox_to_lead_to_client(mailbox_app, mailbox):  # noqa: F811
    app = mailbox_app

    def unit(fn: Callable[[], Any]) -> Any:
        with app.app_context(), kontora(app).db.unit():
            return fn()

    unit(lambda: make_user("ana", [*SALES_MANAGER, "leads.mailbox.read"],
                           email="ana@firma.test"))

    # -- A client writes to the company's address; the periodic job reads the mailbox.
    mailbox.deliver(m.bulgarian_base64_with_pdf())
    with app.app_context():
        run_job(app, JOB, {})

    # -- One click: the message becomes a lead.
    def to_lead() -> int:
        from plugins.leads.mailbox import services
        from plugins.leads.mailbox.models import InboxMessage

        message = session().scalars(select(InboxMessage)).one()
        lead = services.convert_to_lead(as_user("ana"), message.id)
        assert (lead.source, lead.person_name, lead.email) == (
            "email", "Мария Иванова", "maria@ofis-sofia.bg")
        return lead.id
    lead_id = unit(to_lead)

    # -- Ana completes the company and converts the lead to a client.
    def convert() -> int:
        from plugins.leads.services.convert import convert_lead
        from plugins.leads.services.leads import update_lead

        update_lead(as_user("ana"), lead_id, {"company_name": "Офис София ООД",
                                             "country": "BG"})
        return convert_lead(as_user("ana"), lead_id).id
    client_id = unit(convert)

    # -- The client: the sender as contact, the mail's note and PDF on its timeline.
    def client_side() -> tuple[Any, list[str], list[tuple[str, str]], list[str]]:
        from plugins.activities.models import Attachment, Note
        from plugins.leads.models import Lead
        from plugins.parties.models import Client

        client = session().get(Client, client_id)
        contacts = [link.contact.name for link in client.contact_links]
        notes = list(session().scalars(select(Note).where(
            Note.record_kind == "parties.client", Note.record_id == client_id)))
        files = [(f.content_type, f.sha256) for f in session().scalars(
            select(Attachment).where(Attachment.note_id.in_([n.id for n in notes])))]
        lead = session().get(Lead, lead_id)
        assert lead.client_id == client_id and lead.converted_at is not None
        return client, contacts, files, [n.body for n in notes]
    client, contacts, files, bodies = unit(client_side)
    assert client.name == "Офис София ООД" and client.country == "BG"
    assert contacts == ["Мария Иванова"]
    assert any(m.BG_BODY.strip() in body for body in bodies)
    assert files == [("application/pdf", hashlib.sha256(m.PDF).hexdigest())]

