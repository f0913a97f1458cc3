"""Activities: log one that happened, schedule one, change it, hold or cancel it, delete it."""

from __future__ import annotations

from typing import Any

from core.db import session, utcnow
from core.errors import Forbidden, ValidationError
from core.i18n import gettext as _
from core.permissions.rules import may_own
from core.services import announce, load_record, locked, service, validate
from plugins.activities.links import checked_link
from plugins.activities.models import Activity, Participant
from plugins.activities.schemas import ActivityChangeSchema, ActivitySchema, OutcomeSchema
from plugins.activities.services.common import (
    active_users,
    check_move,
    check_version,
    stamp,
)
from plugins.activities.workflow import ACTIVITY_TRANSITIONS

KIND = "activities.activity"


@service("activities.write")
def create_activity(principal: Any, data: Any) -> Activity:
    """Log an activity (``status`` ``done``, the default) or schedule one (``scheduled``,
    ``starts_at`` required); on a record the principal may read, or standalone."""
    values = validate(ActivitySchema(), data)
    kind, record_id = checked_link(principal, values.pop("record_kind", None),
                                   values.pop("record_id", None))
    if values["status"] == "scheduled" and values.get("starts_at") is None:
        raise ValidationError(_("Some fields are not valid."),
                              fields={"starts_at": [_("Say when it will take place.")]})
    owner_id = values.pop("owner_id", None) or principal.user_id
    _check_owner(principal, owner_id)
    participants = values.pop("participants", None) or []
    activity = Activity(record_kind=kind, record_id=record_id, owner_id=owner_id, **values)
    if activity.starts_at is None:
        activity.starts_at = utcnow()
    if activity.status == "done":
        activity.completed_at = utcnow()
    activity.participants = _participants(participants)
    stamp(activity, principal, created=True)
    session().add(activity)
    session().flush()
    _announce_new(principal, activity)
    return activity


@service("activities.write")
def update_activity(principal: Any, activity_id: int, data: Any,
                    expected_version: int | None = None) -> Activity:
    """Change the fields given; the status moves only through :func:`complete_activity`
    and :func:`cancel_activity`."""
    activity = load_record(principal, KIND, activity_id, "write")
    check_version(activity, expected_version)
    values = validate(ActivityChangeSchema(), data, partial=True)
    if "record_kind" in values or "record_id" in values:
        values["record_kind"], values["record_id"] = checked_link(
            principal, values.get("record_kind"), values.get("record_id"))
    if "owner_id" in values and values["owner_id"] != activity.owner_id:
        _check_owner(principal, values["owner_id"])
    if "starts_at" in values and values["starts_at"] is None:
        raise ValidationError(_("Some fields are not valid."),
                              fields={"starts_at": [_("Say when it takes place.")]})
    if "participants" in values:
        activity.participants = _participants(values.pop("participants") or [])
    for key, value in values.items():
        setattr(activity, key, value)
    stamp(activity, principal)
    session().flush()
    return activity


@service("activities.write")
def complete_activity(principal: Any, activity_id: int, data: Any = None) -> Activity:
    """A scheduled activity took place: mark it held, with its outcome."""
    activity = locked(load_record(principal, KIND, activity_id, "write"))
    check_move(ACTIVITY_TRANSITIONS["complete"], activity.status)
    values = validate(OutcomeSchema(), data or {})
    activity.status, activity.completed_at = "done", utcnow()
    if values.get("outcome"):
        activity.outcome = values["outcome"]
    stamp(activity, principal)
    session().flush()
    announce("activities.activity-logged", activity.id, principal_id=principal.user_id,
             type=activity.type, record_kind=activity.record_kind, record_id=activity.record_id)
    return activity


@service("activities.write")
def cancel_activity(principal: Any, activity_id: int) -> Activity:
    """A scheduled activity will not take place."""
    activity = locked(load_record(principal, KIND, activity_id, "write"))
    check_move(ACTIVITY_TRANSITIONS["cancel"], activity.status)
    activity.status = "cancelled"
    stamp(activity, principal)
    session().flush()
    announce("activities.activity-cancelled", activity.id, principal_id=principal.user_id)
    return activity


@service("activities.write")
def delete_activity(principal: Any, activity_id: int,
                    expected_version: int | None = None) -> None:
    activity = load_record(principal, KIND, activity_id, "write")
    check_version(activity, expected_version)
    session().delete(activity)
    session().flush()


def _check_owner(principal: Any, owner_id: int | None) -> None:
    if owner_id != principal.user_id and not may_own(principal, "activities.write", owner_id):
        raise Forbidden(_("You may not give this record to that owner."))
    if owner_id is not None:
        active_users({owner_id}, "owner_id")


def _participants(items: list[dict[str, Any]]) -> list[Participant]:
    users = active_users({p["user_id"] for p in items if p.get("user_id")}, "participants")
    rows = []
    for item in items:
        user_id = item.get("user_id")
        rows.append(Participant(user_id=user_id, user=users.get(user_id) if user_id else None,
                                name=None if user_id else item.get("name"),
                                email=None if user_id else item.get("email")))
    return rows


def _announce_new(principal: Any, activity: Activity) -> None:
    if activity.status == "scheduled":
        from plugins.activities.notifications import activity_scheduled

        activity_scheduled(activity, principal)
        announce("activities.activity-scheduled", activity.id, principal_id=principal.user_id,
                 type=activity.type, starts_at=activity.starts_at.isoformat(),
                 record_kind=activity.record_kind, record_id=activity.record_id)
    else:
        announce("activities.activity-logged", activity.id, principal_id=principal.user_id,
                 type=activity.type, record_kind=activity.record_kind,
                 record_id=activity.record_id)
