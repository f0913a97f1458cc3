"""The record kind ``complaints`` owns."""

from __future__ import annotations

from core.i18n import lazy_gettext as _l
from core.kinds import RecordKind
from plugins.complaints.models import Complaint
from plugins.complaints.schemas import ComplaintSchema


def record_kinds() -> list[RecordKind]:
    return [RecordKind(
        kind="complaints.complaint", model=Complaint, label=_l("Complaint"),
        label_plural=_l("Complaints"), permission_prefix="complaints",
        endpoint="complaints.complaint_detail", schema=ComplaintSchema, title_attr="title",
        extra={"filters": ["status", "party_id", "product_id", "cause", "remedy",
                           "assignee_id", "owner_id", "subject_kind", "subject_id", "number",
                           "deadline", "created_at"],
               "sort": ["created_at", "deadline", "number", "id"],
               "default_sort": "-created_at", "settled": ("resolved",)})]
