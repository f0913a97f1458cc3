"""The record kinds ``leads`` owns, with what lists may filter, search and sort by."""

from __future__ import annotations

from core.i18n import lazy_gettext as _l
from core.kinds import RecordKind
from plugins.leads.models import Lead
from plugins.leads.schemas import LeadSchema

LEAD_KIND = "leads.lead"


def record_kinds() -> list[RecordKind]:
    return [RecordKind(
        kind=LEAD_KIND, model=Lead, label=_l("Lead"), label_plural=_l("Leads"),
        permission_prefix="leads", endpoint="leads.lead_detail", schema=LeadSchema,
        title_attr="title",
        extra={"filters": ["status", "source", "pipeline_id", "stage_id", "owner_id",
                           "client_id", "currency", "budget", "created_at", "email"],
               "sort": ["created_at", "title", "budget", "status", "stage_entered_at"],
               "default_sort": "-created_at", "settled": ("won", "lost")},
    )]
