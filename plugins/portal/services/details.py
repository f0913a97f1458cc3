"""The client updates its own contact details from the portal: e-mail, phone, website.

Only these fields: names, tax identifiers and everything staff decide stay staff's. The
client row is locked, so two saves at once apply one after the other; the change is
audited with the portal user as the actor and told to the client's owner.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from marshmallow import Schema, fields, validate

from core.i18n import gettext as _
from core.services import act_as, lock_record
from core.services import validate as validate_input
from core.web.notifications import notify
from plugins.parties.models import Client
from plugins.portal.services.access import current_client

FIELDS = ("email", "phone", "website")


class ContactDetailsSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    phone = fields.String(load_default=None, allow_none=True,
                          validate=validate.Regexp(r"^[0-9+() ./-]{4,40}$"))
    website = fields.URL(load_default=None, allow_none=True, require_tld=True,
                         validate=validate.Length(max=200))


def contact_details(principal: Any) -> dict[str, Any]:
    client = current_client(principal)
    return {name: getattr(client, name) for name in FIELDS}


def update_contact_details(principal: Any, data: Any) -> Client:
    """Save the current client's e-mail, phone and website (422 naming a bad field)."""
    client_id = current_client(principal).id
    values = validate_input(ContactDetailsSchema(),
                            {k: (v or None) for k, v in dict(data).items() if k in FIELDS})
    act_as(principal)
    client = lock_record(Client, client_id)
    changed = [name for name in FIELDS if getattr(client, name) != values.get(name)]
    for name in changed:
        setattr(client, name, values.get(name))
    if changed and client.owner_id is not None:
        notify(client.owner_id, _("%(client)s updated its contact details in the portal.",
                                  client=client.name),
               url_for("parties.client_detail", id=client.id))
    return client
