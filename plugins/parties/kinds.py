"""The record kinds ``parties`` owns, with what lists may filter and sort by.

Both search their folded ``search_text`` (``core.db.search``), so "carpati" finds "Carpați".
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy.orm import selectinload

from core.i18n import lazy_gettext as _l
from core.kinds import RecordKind
from plugins.parties.contact_persons import of_client
from plugins.parties.models import Client, Contact, CustomValue
from plugins.parties.schemas import ClientSchema, ContactSchema


def _contact_url(contact: Any) -> str | None:
    """A contact has no page of its own: it is shown on its (first) client's page."""
    links = sorted(contact.client_links, key=lambda link: (not link.is_primary, link.client_id))
    return url_for("parties.client_detail", id=links[0].client_id) if links else None


def record_kinds() -> list[RecordKind]:
    return [
        RecordKind(
            kind="parties.client", model=Client, label=_l("Client"),
            label_plural=_l("Clients"), permission_prefix="parties",
            endpoint="parties.client_detail", schema=ClientSchema,
            load_options=(selectinload(Client.tags), selectinload(Client.bank_accounts),
                          selectinload(Client.custom_values).joinedload(CustomValue.field)),
            extra={
                "filters": ["kind", "status", "country", "relationship_type", "loyalty",
                            "size", "group_id", "owner_id", "tax_id", "vat_number", "email"],
                "sort": ["name", "status", "created_at", "updated_at"],
                "default_sort": "name",
            },
        ),
        RecordKind(
            kind="parties.contact", model=Contact, label=_l("Contact"),
            label_plural=_l("Contacts"), permission_prefix="parties",
            schema=ContactSchema,
            extra={"search": ["name", "job_title"], "sort": ["name", "created_at"],
                   "default_sort": "name", "related_filters": {"client_id": of_client},
                   "url_of": _contact_url},
        ),
    ]
