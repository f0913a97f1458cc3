"""Telling people about tasks and invitations: in the app now, by e-mail through a job.

Each person is told in their own language. The in-app note joins the caller's unit of work
(it exists exactly when the change was committed); the e-mail is a job enqueued in the
same unit, so a rolled-back change notifies nobody.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.i18n import force_locale, format_datetime
from core.i18n import gettext as _
from core.identity.models import User
from core.jobs import enqueue
from core.web.notifications import notify
from plugins.activities.links import site_path

MAIL_JOB = "activities.task-mail"


def concerned(task: Any, actor_id: int | None, previous_owner: int | None = None) -> list[User]:
    """Assignee, previous assignee and creator of ``task``, active, without the actor."""
    ids = {task.owner_id, task.created_by_id, previous_owner} - {None, actor_id}
    if not ids:
        return []
    return list(session().scalars(
        select(User).where(User.id.in_(ids), User.active.is_(True)).order_by(User.id)))


def task_message(event: str, title: str, actor: str, assignee: str | None,
                 for_assignee: bool) -> str:
    """One sentence about what happened to a task, in the current locale."""
    if event == "assigned":
        if for_assignee:
            return _("%(actor)s assigned you the task “%(title)s”.", actor=actor, title=title)
        return _("%(actor)s assigned the task “%(title)s” to %(assignee)s.", actor=actor,
                 title=title, assignee=assignee or _("nobody"))
    texts = {
        "changed": _("%(actor)s changed the task “%(title)s”.", actor=actor, title=title),
        "start": _("%(actor)s started the task “%(title)s”.", actor=actor, title=title),
        "complete": _("%(actor)s completed the task “%(title)s”.", actor=actor, title=title),
        "cancel": _("%(actor)s cancelled the task “%(title)s”.", actor=actor, title=title),
        "reopen": _("%(actor)s reopened the task “%(title)s”.", actor=actor, title=title),
    }
    return texts[event]


def task_changed(task: Any, principal: Any, event: str,
                 previous_owner: int | None = None) -> None:
    """Notify everyone concerned by ``event`` on ``task`` (in the app and by e-mail)."""
    people = concerned(task, principal.user_id, previous_owner)
    if not people:
        return
    link = site_path("activities.task_detail", id=task.id)
    assignee = session().get(User, task.owner_id) if task.owner_id else None
    for user in people:
        with force_locale(user.language):
            message = task_message(event, task.title, principal.name,
                                   assignee.name if assignee else None,
                                   user.id == task.owner_id)
        notify(user.id, message, link=link)
        if user.email:
            enqueue(MAIL_JOB, task_id=task.id, user_id=user.id, event=event,
                    actor=principal.name)


def activity_scheduled(activity: Any, principal: Any) -> None:
    """Tell the staff invited to a scheduled activity (in the app)."""
    ids = {p.user_id for p in activity.participants if p.user_id} - {principal.user_id}
    if not ids:
        return
    link = site_path("activities.activity_detail", id=activity.id)
    for user in session().scalars(select(User).where(User.id.in_(ids),
                                                     User.active.is_(True))):
        with force_locale(user.language):
            message = _("%(actor)s invited you to “%(subject)s” on %(when)s.",
                        actor=principal.name, subject=activity.subject,
                        when=format_datetime(activity.starts_at, "short", tz=user.timezone))
        notify(user.id, message, link=link)
