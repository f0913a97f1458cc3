"""Entering complaints and changing them while they are open.

A complaint is numbered when it is received, inside the same transaction, so every
complaint has its reference from the first moment (the client is told it). Its client is
the subject's (an order's, invoice's or shipment's ``party_id``); a complaint about a
product names the client itself.
"""

from __future__ import annotations

from typing import Any

from core.db import session
from core.i18n import gettext as _
from core.identity.models import User
from core.numbering import next_number
from core.permissions.rules import may_own
from core.services import announce, check_references, lock_record, service, validate
from plugins.complaints.exceptions import ComplaintClosed, InvalidComplaintData
from plugins.complaints.models import Complaint
from plugins.complaints.schemas import ComplaintChangeSchema, ComplaintSchema
from plugins.complaints.services.common import (
    KIND,
    PRODUCT,
    check_version,
    flush,
    load_complaint,
    readable_product,
    subject_of,
    tell_concerned,
)
from plugins.complaints.workflow import OPEN

SERIES = "complaints"


def check_assignee(assignee_id: int | None) -> None:
    if assignee_id is None:
        return
    user = session().get(User, assignee_id)
    if user is None or not user.active:
        raise InvalidComplaintData({"assignee_id": [_("Choose an active user.")]})


def received(values: dict[str, Any], *, party_id: int, owner_id: int | None,
             actor_id: int | None, portal_user_id: int | None = None) -> Complaint:
    """Write a new complaint with its number (shared by staff and portal entry)."""
    complaint = Complaint(number=next_number(SERIES, record_kind=KIND), status="received",
                          party_id=party_id, owner_id=owner_id, created_by_id=actor_id,
                          updated_by_id=actor_id, portal_user_id=portal_user_id, **values)
    if complaint.subject_kind == PRODUCT and complaint.product_id is None:
        complaint.product_id = complaint.subject_id
    session().add(complaint)
    flush()
    return complaint


@service("complaints.write")
def create_complaint(principal: Any, data: Any) -> Complaint:
    """A complaint entered by staff about a record they may read."""
    values = validate(ComplaintSchema(), data)
    subject = subject_of(principal, values["subject_kind"], values["subject_id"])
    party_id = getattr(subject, "party_id", None) if values["subject_kind"] != PRODUCT \
        else None
    given = values.pop("party_id", None)
    if party_id is None:
        if given is None:
            raise InvalidComplaintData({"party_id": [_("Name the client who complains.")]})
        check_references(principal, Complaint, {"party_id": given})
        party_id = given
    readable_product(principal, values.get("product_id"))
    check_assignee(values.get("assignee_id"))
    owner_id = values.pop("owner_id", None) or principal.user_id
    if not may_own(principal, "complaints.write", owner_id):
        raise InvalidComplaintData({"owner_id": [_("You may not give complaints to this user.")]})
    complaint = received(values, party_id=party_id, owner_id=owner_id,
                         actor_id=principal.user_id)
    tell_concerned(complaint, principal.user_id, lambda: _(
        "%(actor)s entered complaint %(complaint)s from %(client)s.", actor=principal.name,
        complaint=complaint.number, client=complaint.party.name))
    announce("complaints.complaint-received", complaint.id, principal_id=principal.user_id,
             portal_user_id=None, party_id=party_id, number=complaint.number,
             subject_kind=complaint.subject_kind, subject_id=complaint.subject_id)
    return complaint


@service("complaints.write")
def update_complaint(principal: Any, complaint_id: int, data: Any, *,
                     expected_version: int | None = None) -> Complaint:
    """Change the details, the assignee, the deadline or the owner of an open complaint;
    a new assignee is told too."""
    values = validate(ComplaintChangeSchema(), data, partial=True)
    complaint = lock_record(Complaint, load_complaint(principal, complaint_id, "write").id)
    check_version(complaint, expected_version)
    if complaint.status not in OPEN:
        raise ComplaintClosed()
    if "product_id" in values and values["product_id"] != complaint.product_id:
        readable_product(principal, values["product_id"])
    if "assignee_id" in values:
        check_assignee(values["assignee_id"])
    if "owner_id" in values:
        values["owner_id"] = values["owner_id"] or principal.user_id
        if not may_own(principal, "complaints.write", values["owner_id"]):
            raise InvalidComplaintData({"owner_id": [
                _("You may not give complaints to this user.")]})
    changed = sorted(name for name, value in values.items()
                     if getattr(complaint, name) != value)
    if not changed:
        return complaint
    new_assignee = values.get("assignee_id") if "assignee_id" in changed else None
    for name in changed:
        setattr(complaint, name, values[name])
    complaint.updated_by_id = principal.user_id
    flush()
    session().refresh(complaint)
    tell_concerned(complaint, principal.user_id, lambda: _(
        "%(actor)s changed complaint %(complaint)s.", actor=principal.name,
        complaint=complaint.number), also=new_assignee)
    announce("complaints.complaint-changed", complaint.id, principal_id=principal.user_id,
             fields=changed)
    return complaint
