"""Helpers the services share: users as assignees and participants, the transition check."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity.models import User
from plugins.activities.workflow import Transition


def active_users(ids: set[int], field: str) -> dict[int, User]:
    """The active staff users with these ids; a field error names any that is not one."""
    if not ids:
        return {}
    found = {u.id: u for u in session().scalars(
        select(User).where(User.id.in_(ids), User.active.is_(True)))}
    if set(found) != ids:
        raise ValidationError(_("Some fields are not valid."),
                              fields={field: [_("There is no such active user.")]})
    return found


def check_move(transition: Transition | None, status: str) -> Transition:
    """The transition, if it may leave ``status``; otherwise a 409 saying so."""
    if transition is None or status not in transition.sources:
        raise Conflict(_("This cannot be done while the status is %(status)s.", status=status))
    return transition


def stamp(record: Any, principal: Any, *, created: bool = False) -> None:
    if principal.user_id is None:
        return
    if created:
        record.created_by_id = principal.user_id
    record.updated_by_id = principal.user_id


def check_version(record: Any, expected: int | None) -> None:
    if expected is not None and record.version != expected:
        raise Conflict(_("Someone saved this record meanwhile; reload it and try again."))
