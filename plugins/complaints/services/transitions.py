"""The complaint workflow: one service per transition, each with its own permission.

Every move locks the complaint's row (``core.services.lock_record``) and only then checks
the status, so two people deciding at once make one move and a 409. Each move goes on the
timeline, is told to owner and assignee, e-mailed to the client with a link to follow it
(``client_notice``) and announced after commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.db import utcnow
from core.errors import NotFound
from core.i18n import gettext as _
from core.services import announce, lock_record, service, validate
from plugins.complaints.exceptions import InvalidComplaintData, TransitionRefused
from plugins.complaints.models import Complaint
from plugins.complaints.schemas import MoveSchema
from plugins.complaints.services.client_notice import tell_client
from plugins.complaints.services.common import (
    check_version,
    flush,
    load_complaint,
    tell_concerned,
)
from plugins.complaints.workflow import TRANSITIONS, status_label


def _locked(principal: Any, complaint_id: int, expected_version: int | None) -> Complaint:
    complaint = lock_record(Complaint, load_complaint(principal, complaint_id, "write").id)
    if complaint is None:
        raise NotFound(_("This record was deleted meanwhile."))
    check_version(complaint, expected_version)
    return complaint


def move(principal: Any, complaint_id: int, name: str, data: Any, *,
         expected_version: int | None = None) -> Complaint:
    """Apply transition ``name``: lock, check the status, write, tell, announce."""
    values = validate(MoveSchema(), data or {})
    transition = TRANSITIONS[name]
    complaint = _locked(principal, complaint_id, expected_version)
    if complaint.status not in transition.sources:
        raise TransitionRefused(str(transition.label), status_label(complaint.status))
    comment = (values["comment"] or "").strip() or None
    if name == "resolve":
        resolution = (values["resolution"] or "").strip()
        if not resolution:
            raise InvalidComplaintData({"resolution": [_("Say how the complaint was resolved.")]})
        complaint.resolution = resolution
        complaint.resolved_at = utcnow()
    before, after = complaint.status, transition.target
    complaint.status = after
    complaint.updated_by_id = principal.user_id
    flush()

    def sentence() -> str:
        return _("%(actor)s moved complaint %(complaint)s from “%(before)s” to “%(after)s”.",
                 actor=principal.name, complaint=complaint.number,
                 before=status_label(before), after=status_label(after))

    told = complaint.resolution if name == "resolve" else comment
    tell_concerned(complaint, principal.user_id, sentence, comment=told)
    tell_client(complaint, told)
    announce("complaints.complaint-status-changed", complaint.id,
             principal_id=principal.user_id, party_id=complaint.party_id, transition=name,
             before=before, after=after)
    return complaint


@service("complaints.write")
def review_complaint(principal: Any, complaint_id: int, data: Any = None, *,
                     expected_version: int | None = None) -> Complaint:
    """Someone looks into the complaint."""
    return move(principal, complaint_id, "review", data, expected_version=expected_version)


@service("complaints.decide")
def accept_complaint(principal: Any, complaint_id: int, data: Any = None, *,
                     expected_version: int | None = None) -> Complaint:
    """The complaint is justified; the remedy is to be given."""
    return move(principal, complaint_id, "accept", data, expected_version=expected_version)


@service("complaints.decide")
def reject_complaint(principal: Any, complaint_id: int, data: Any = None, *,
                     expected_version: int | None = None) -> Complaint:
    """The complaint is not justified (the comment says why)."""
    return move(principal, complaint_id, "reject", data, expected_version=expected_version)


@service("complaints.decide")
def resolve_complaint(principal: Any, complaint_id: int, data: Any = None, *,
                      expected_version: int | None = None) -> Complaint:
    """Close the complaint with its resolution; its resolution time ends now."""
    return move(principal, complaint_id, "resolve", data, expected_version=expected_version)


TRANSITION_SERVICES: dict[str, Callable[..., Complaint]] = {
    "review": review_complaint, "accept": accept_complaint, "reject": reject_complaint,
    "resolve": resolve_complaint,
}


def run_transition(principal: Any, complaint_id: int, name: str, data: Any, *,
                   expected_version: int | None = None) -> Complaint:
    """The service of transition ``name`` (the views' and the API's single entry)."""
    fn = TRANSITION_SERVICES.get(name)
    if fn is None:
        raise NotFound(_("Complaints have no action “%(name)s”.", name=name))
    return fn(principal, complaint_id, data, expected_version=expected_version)
