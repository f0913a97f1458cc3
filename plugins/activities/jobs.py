"""Background jobs: the e-mail about a task, sent through the kernel's mail service."""

from __future__ import annotations

from core.db import session
from core.i18n import force_locale, format_date
from core.i18n import gettext as _
from core.identity.models import User
from core.jobs import retries
from core.mail import send_mail
from plugins.activities.labels import PRIORITY_LABELS, TASK_STATUS_LABELS, label
from plugins.activities.links import external_url, record_title
from plugins.activities.models import Task
from plugins.activities.notifications import MAIL_JOB, task_message


@retries(max_retries=3, backoff=60)
def send_task_mail(task_id: int, user_id: int, event: str, actor: str) -> None:
    """The ``activities.task-mail`` job: tell ``user_id`` by e-mail what ``actor`` did.

    Written in the recipient's language; ``core.mail.send_mail`` stores the message and
    sends it after this job commits. A task or user gone meanwhile sends nothing.
    """

    task = session().get(Task, task_id)
    user = session().get(User, user_id)
    if task is None or user is None or not user.active or not user.email:
        return
    assignee = session().get(User, task.owner_id) if task.owner_id else None
    with force_locale(user.language):
        summary = task_message(event, task.title, actor, assignee.name if assignee else None,
                               user.id == task.owner_id)
        lines = [summary, ""]
        lines.append(_("Status: %(status)s", status=label(TASK_STATUS_LABELS, task.status)))
        if task.due_on:
            lines.append(_("Due: %(date)s", date=format_date(task.due_on, locale=user.language)))
        lines.append(_("Priority: %(priority)s", priority=label(PRIORITY_LABELS, task.priority)))
        about = record_title(task.record_kind, task.record_id)
        if about:
            lines.append(_("About: %(record)s", record=about))
        if task.description:
            lines += ["", task.description]
        lines += ["", external_url("activities.task_detail", id=task.id)]
        subject = _("Task: %(title)s", title=task.title)
    send_mail(user.email, subject, text="\n".join(lines), language=user.language,
              record=("activities.task", task.id))



JOBS = {MAIL_JOB: send_task_mail}
