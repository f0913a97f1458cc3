"""The client portal's inquiry: a client asks for something, which becomes a lead of the
client for its owner (source ``portal``), who is told at once.

The caller is a portal principal acting for a client; the client's row is locked while
the lead is made, and the same inquiry sent again within a minute (a double click)
returns the lead already made instead of a second one.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from marshmallow import Schema, fields, validate
from sqlalchemy import select

from core.db import session, utcnow
from core.errors import Forbidden
from core.i18n import gettext as _
from core.identity.guards import portal_record_id
from core.services import act_as, lock_record
from core.services import validate as validate_input
from plugins.leads.models import Lead
from plugins.leads.services.leads import new_lead, notify_new_lead
from plugins.parties.models import Client

CLIENT = "parties.client"
REPEAT_WINDOW = timedelta(minutes=1)


class InquirySchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(required=True, validate=validate.Length(min=1, max=20000))


def submit_inquiry(principal: Any, data: Any) -> Lead:
    """Turn the client's inquiry into a lead for the client's owner."""
    portal_record_id(principal, CLIENT)
    values = validate_input(InquirySchema(), data)
    client = lock_record(Client, principal.record_id)
    if client is None:
        raise Forbidden(_("Only a client's portal user may do this."))
    act_as(principal)
    same = session().scalars(select(Lead).where(
        Lead.client_id == client.id, Lead.source == "portal",
        Lead.title == values["title"].strip(), Lead.description == values["description"],
        Lead.created_at >= utcnow() - REPEAT_WINDOW)).first()
    if same is not None:
        return same
    lead = new_lead({"title": values["title"].strip(), "description": values["description"],
                     "client_id": client.id, "company_name": client.name,
                     "person_name": principal.name},
                    source="portal", owner_id=client.owner_id, actor_id=None)
    notify_new_lead(lead)
    return lead
