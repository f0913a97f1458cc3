"""Turning a lead into a client: create one (or link the one the duplicate check found)
and carry the lead's contacts, activities, notes, tasks, attachments and questionnaires over.

The timeline rows belong to ``activities`` and are re-pointed from ``("leads.lead", id)``
to ``("parties.client", id)`` in place, so their authors, dates and files stay as they were.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select, update

from core.db import session, utcnow
from core.errors import KontoraError
from core.i18n import gettext as _
from core.identity.users import principal_for
from core.permissions import require
from core.services import act_as, announce, locked
from core.web.notifications import notify
from plugins.activities.services import record_event
from plugins.leads.exceptions import AlreadyConverted, InvalidLeadData
from plugins.leads.kinds import LEAD_KIND
from plugins.leads.models import Lead, QuestionnaireResponse
from plugins.leads.services.common import load_lead

CLIENT_KIND = "parties.client"
log = logging.getLogger(__name__)


def client_data(lead: Lead) -> dict[str, Any]:
    """What the new client would be, from the lead (the convert form starts from this)."""
    return {"kind": lead.client_kind,
            "name": lead.company_name if lead.client_kind != "private_person"
            and lead.company_name else (lead.person_name or lead.company_name or lead.title),
            "country": lead.country or "", "tax_id": lead.tax_id or "",
            "email": lead.email or "", "phone": lead.phone or ""}


def duplicate_candidates(principal: Any, lead_id: int) -> list[Any]:
    """Existing clients that look like the lead's company or person (``parties``' check)."""
    from plugins.parties.duplicates import find_duplicates

    lead = load_lead(principal, lead_id)
    data = {k: v for k, v in client_data(lead).items() if v}
    data.setdefault("country", "")
    return find_duplicates(data)


def convert_lead(principal: Any, lead_id: int, data: dict[str, Any] | None = None, *,
                 client_id: int | None = None, allow_duplicate: bool = False) -> Any:
    """Make the lead a client and return the client.

    With ``client_id`` the lead is linked to that existing client (it must be writable by
    the principal); otherwise a client is created from ``data`` (default: from the lead)
    through ``parties``' service, whose duplicate check raises ``PossibleDuplicate``
    (with candidates) unless ``allow_duplicate``.
    """
    from plugins.parties.services import create_client, load_client

    require(principal, "leads.convert")
    lead = locked(load_lead(principal, lead_id, "write"))  # a double click waits here
    if lead.converted_at is not None:
        raise AlreadyConverted()
    act_as(principal)
    created = client_id is None
    if client_id is not None:
        client = load_client(principal, client_id, "write")
    else:
        values = dict(client_data(lead))
        if data:
            if not isinstance(data, dict):
                raise InvalidLeadData({"_schema": [_("Expected an object.")]})
            values.update(data)
        values = {k: v for k, v in values.items() if v not in ("", None)}
        values.setdefault("owner_id", lead.owner_id)
        client = create_client(principal, values, allow_duplicate=allow_duplicate)
    _carry_contacts(principal, lead, client)
    moved = move_timeline(lead.id, client.id)
    sentence = (_("Lead “%(title)s” was converted into this new client.", title=lead.title)
                if created else _("Lead “%(title)s” was converted and linked to this client.",
                                  title=lead.title))
    record_event(CLIENT_KIND, client.id, sentence, author_id=principal.user_id)
    lead.client_id, lead.converted_at = client.id, utcnow()
    lead.updated_by_id = principal.user_id
    session().flush()
    announce("leads.lead-converted", lead.id, principal_id=principal.user_id,
             client_id=client.id, created=created)
    log.info("lead %s converted to client %s (%s rows moved)", lead.id, client.id, moved)
    return client


def _carry_contacts(principal: Any, lead: Lead, client: Any) -> None:
    """Each contact person of the lead becomes a contact of the client, unless the client
    already has a contact with the same e-mail address."""
    from plugins.parties.models import ClientContact, ContactMethod
    from plugins.parties.services import add_contact

    known = set(session().scalars(
        select(ContactMethod.value).join(ClientContact,
                                         ClientContact.contact_id == ContactMethod.contact_id)
        .where(ClientContact.client_id == client.id, ContactMethod.channel == "email")))
    for person in lead.contacts:
        if person.email and person.email in known:
            continue
        methods = [{"channel": "email", "value": person.email, "preferred": True}] \
            if person.email else []
        if person.phone:
            methods.append({"channel": "phone", "value": person.phone})
        add_contact(principal, client.id, {
            "contact": {"name": person.name, "job_title": person.job_title,
                        "methods": methods},
            "role": person.job_title, "is_primary": person.is_primary})
        if person.email:
            known.add(person.email)


def move_timeline(lead_id: int, client_id: int) -> int:
    """Re-point the lead's activities, tasks, notes, attachments and questionnaires."""
    from plugins.activities.models import Activity, Attachment, Note, Task

    moved = 0
    for model in (Activity, Task, Note, Attachment, QuestionnaireResponse):
        table = model.__table__
        result = session().execute(
            update(table).where(table.c.record_kind == LEAD_KIND, table.c.record_id == lead_id)
            .values(record_kind=CLIENT_KIND, record_id=client_id))
        moved += result.rowcount or 0
    session().expire_all()
    return moved


def on_offer_accepted(sender: Any, **kwargs: Any) -> None:
    """Receiver of ``offers.offer-accepted``: the lead behind the offer is won and becomes
    the client (the offer's ``party_id`` when it names one).

    Acts as whoever accepted it (``principal_id``) or else as the lead's owner. What cannot
    be done automatically (no lead, a possible duplicate, missing requisites) is left to
    the owner, who is told so.
    """

    lead_id, party_id = kwargs.get("lead_id"), kwargs.get("party_id")
    if not isinstance(lead_id, int):
        return
    lead = session().get(Lead, lead_id)
    if lead is None:
        return
    principal = None
    for user_id in (kwargs.get("principal_id"), lead.owner_id):
        candidate = principal_for(user_id) if isinstance(user_id, int) else None
        if candidate is not None and candidate.has("leads.convert"):
            principal = candidate
            break
    if principal is None:
        log.warning("offer %s accepted: nobody may convert lead %s", sender, lead_id)
        return
    _win(principal, lead)
    if lead.converted_at is not None:
        return
    try:
        with session().begin_nested():
            convert_lead(principal, lead.id,
                         client_id=party_id if isinstance(party_id, int) else lead.client_id)
    except KontoraError as exc:
        session().refresh(lead)
        _ask_owner(lead, exc.message)


def _win(principal: Any, lead: Lead) -> None:
    """Move an open lead to its pipeline's first won stage."""
    if lead.status != "open":
        return
    won = next((s for s in lead.pipeline.stages if s.is_won), None)
    if won is not None:
        from plugins.leads.services.leads import move_lead

        move_lead(principal, lead.id, {"stage_id": won.id})


def _ask_owner(lead: Lead, reason: str) -> None:
    from plugins.leads.links import site_path

    if lead.owner_id is None:
        return
    notify(lead.owner_id, _("The offer for %(title)s was accepted; convert the lead to a "
                            "client by hand: %(reason)s", title=lead.title, reason=reason),
           link=site_path("leads.lead_convert", id=lead.id))
