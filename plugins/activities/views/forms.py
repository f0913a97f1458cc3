"""The plugin's own forms: log or schedule an activity, create or change a task, and the
buttons that move either along its workflow. Thin handlers: parse, call one service, answer.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parseaddr
from typing import Any
from zoneinfo import ZoneInfo

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from core.db import session
from core.errors import Conflict, ValidationError
from core.i18n import get_timezone
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from core.identity.models import User
from core.services import get_record
from plugins.activities import services
from plugins.activities.labels import (
    ACTIVITY_TYPE_LABELS,
    PRIORITY_LABELS,
    choices,
)
from plugins.activities.links import record_path, record_title
from plugins.activities.views import bp

ACTIVITY_TEXT = ("type", "subject", "location", "description", "outcome", "duration_minutes")
TASK_TEXT = ("title", "description", "due_on", "priority", "assignee_id")


# activities


@bp.route("/compose", methods=["GET", "POST"])
@login_required
@permission_required("activities.write")
def activity_compose():
    values: dict[str, Any] = {"type": request.args.get("type", "call"),
                              "status": request.args.get("status", "done"),
                              "record_kind": request.args.get("record_kind", ""),
                              "record_id": request.args.get("record_id", "")}
    if request.method == "POST":
        data = activity_data(request.form, creating=True)
        try:
            activity = services.create_activity(current_principal(), data)
        except ValidationError as exc:
            return _activity_form(request.form, exc.fields, exc.message), 422
        flash(_("Activity saved."), "success")
        return redirect(record_path(activity.record_kind, activity.record_id)
                        or url_for("activities.activity_detail", id=activity.id))
    return _activity_form(MultiDict(values), {}, None)


@bp.route("/<int:id>/change", methods=["GET", "POST"])
@login_required
@permission_required("activities.write")
def activity_change(id: int):
    activity = get_record(current_principal(), "activities.activity", id, action="write")
    if request.method == "POST":
        data = activity_data(request.form, creating=False)
        try:
            services.update_activity(current_principal(), id, data,
                                     expected_version=_version(request.form))
        except (ValidationError, Conflict) as exc:
            return _activity_form(request.form, exc.fields or {}, exc.message,
                                  activity=activity), exc.status
        flash(_("Activity saved."), "success")
        return redirect(url_for("activities.activity_detail", id=id))
    return _activity_form(activity_values(activity), {}, None, activity=activity)


@bp.post("/<int:id>/<any(complete, cancel):move>")
@login_required
@permission_required("activities.write")
def activity_move(id: int, move: str):
    principal = current_principal()
    if move == "complete":
        services.complete_activity(principal, id, {"outcome": request.form.get("outcome")
                                                   or None})
    else:
        services.cancel_activity(principal, id)
    return redirect(_back(url_for("activities.activity_detail", id=id)))


def activity_data(form: MultiDict, *, creating: bool) -> dict[str, Any]:
    """The service's input from the activity form."""
    data = _texts(form, ACTIVITY_TEXT, creating)
    if creating:
        data["status"] = form.get("status") or "done"
        if form.get("record_kind") or form.get("record_id"):
            data["record_kind"] = form.get("record_kind") or None
            data["record_id"] = form.get("record_id") or None
    when = form.get("starts_at", "").strip()
    if when:
        data["starts_at"] = local_to_utc(when)
    elif not creating:
        data["starts_at"] = None
    people: list[dict[str, Any]] = [{"user_id": uid} for uid in form.getlist("participant_user")
                                    if uid.strip()]
    for line in form.get("external_participants", "").splitlines():
        name, address = parseaddr(line.strip())
        if "@" in address:
            people.append({"name": name or address, "email": address})
        elif line.strip():
            people.append({"name": line.strip()[:200]})
    if creating and not people:
        return data
    data["participants"] = people
    return data


def activity_values(activity: Any) -> MultiDict:
    values = MultiDict({name: getattr(activity, name) or "" for name in ACTIVITY_TEXT})
    values["starts_at"] = activity.starts_at.astimezone(reader_tz()).strftime("%Y-%m-%dT%H:%M")
    values["version"] = activity.version
    for person in activity.participants:
        if person.user_id:
            values.add("participant_user", str(person.user_id))
    values["external_participants"] = "\n".join(
        f"{p.name} <{p.email}>" if p.email else p.name
        for p in activity.participants if not p.user_id)
    return values


def _activity_form(values: MultiDict, errors: dict, message: str | None, *,
                   activity: Any = None) -> str:
    kind, rid = values.get("record_kind"), values.get("record_id")
    return render_template(
        "activities/activity_form.html", values=values, errors=errors, message=message,
        activity=activity, type_choices=choices(ACTIVITY_TYPE_LABELS),
        status_choices=[("done", _("Logged (it happened)")), ("scheduled", _("Scheduled"))],
        users=staff_choices(), chosen=set(values.getlist("participant_user")),
        about=record_title(kind, int(rid)) if kind and str(rid).isdigit() else None,
        title=_("Change activity") if activity else _("New activity"))


# tasks


@bp.route("/tasks/compose", methods=["GET", "POST"])
@login_required
@permission_required("tasks.write")
def task_compose():
    values = MultiDict({"priority": "normal", "record_kind": request.args.get("record_kind", ""),
                        "record_id": request.args.get("record_id", ""),
                        "assignee_id": str(current_principal().user_id)})
    if request.method == "POST":
        data = task_data(request.form, creating=True)
        try:
            task = services.create_task(current_principal(), data)
        except ValidationError as exc:
            return _task_form(request.form, exc.fields, exc.message), 422
        flash(_("Task saved."), "success")
        return redirect(record_path(task.record_kind, task.record_id)
                        or url_for("activities.task_detail", id=task.id))
    return _task_form(values, {}, None)


@bp.route("/tasks/<int:id>/change", methods=["GET", "POST"])
@login_required
@permission_required("tasks.write")
def task_change(id: int):
    task = get_record(current_principal(), "activities.task", id, action="write")
    if request.method == "POST":
        data = task_data(request.form, creating=False)
        try:
            services.update_task(current_principal(), id, data,
                                 expected_version=_version(request.form))
        except (ValidationError, Conflict) as exc:
            return _task_form(request.form, exc.fields or {}, exc.message, task=task), exc.status
        flash(_("Task saved."), "success")
        return redirect(url_for("activities.task_detail", id=id))
    values = MultiDict({name: getattr(task, name) or "" for name in TASK_TEXT})
    values["due_on"] = task.due_on.isoformat() if task.due_on else ""
    values["version"] = task.version
    return _task_form(values, {}, None, task=task)


@bp.post("/tasks/<int:id>/<any(start, complete, cancel, reopen):move>")
@login_required
@permission_required("tasks.write")
def task_move(id: int, move: str):
    """A workflow button; from the timeline (htmx) the refreshed timeline comes back."""
    task = services.TRANSITION_SERVICES[move](current_principal(), id)
    if request.headers.get("HX-Request") and task.record_kind:
        from plugins.activities.panels import render_timeline

        return render_timeline(current_principal(), task.record_kind, task.record_id)
    return redirect(_back(url_for("activities.task_detail", id=id)))


def task_data(form: MultiDict, *, creating: bool) -> dict[str, Any]:
    data = _texts(form, TASK_TEXT, creating)
    if creating and (form.get("record_kind") or form.get("record_id")):
        data["record_kind"] = form.get("record_kind") or None
        data["record_id"] = form.get("record_id") or None
    return data


def _task_form(values: MultiDict, errors: dict, message: str | None, *,
               task: Any = None) -> str:
    kind, rid = values.get("record_kind"), values.get("record_id")
    principal = current_principal()
    return render_template(
        "activities/task_form.html", values=values, errors=errors, message=message, task=task,
        priority_choices=choices(PRIORITY_LABELS),
        users=staff_choices() if principal.has("tasks.assign")
        else [(str(principal.user_id), principal.name)],
        about=record_title(kind, int(rid)) if kind and str(rid).isdigit() else None,
        title=_("Change task") if task else _("New task"))


# shared


def staff_choices() -> list[tuple[str, str]]:
    """Active staff users as ``(id, name)`` for selects."""
    users = session().execute(select(User.id, User.name).where(User.active.is_(True))
                              .order_by(User.name))
    return [(str(uid), name) for uid, name in users]


def _texts(form: MultiDict, names: tuple[str, ...], creating: bool) -> dict[str, Any]:
    """Named text fields; empty ones left out when creating, ``None`` when changing."""
    data: dict[str, Any] = {}
    for name in names:
        if name not in form and not creating:
            continue
        raw = form.get(name, "")
        text = raw.strip() if name not in ("description", "outcome") else raw
        if text.strip():
            data[name] = text
        elif not creating:
            data[name] = None
    return data


def reader_tz() -> ZoneInfo:
    zone = get_timezone()
    return ZoneInfo(str(zone)) if zone is not None else ZoneInfo("UTC")


def local_to_utc(text: str) -> str:
    """A ``datetime-local`` value (the reader's wall clock) as ISO time with its offset."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text  # the schema names it as a field error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=reader_tz())
    return moment.isoformat()


def _version(form: MultiDict) -> int | None:
    raw = form.get("version", "")
    return int(raw) if raw.isdigit() else None


def _back(default: str) -> str:
    """Where to go after a button: the page given in ``next`` if it is on this site."""
    target = request.form.get("next") or request.args.get("next") or ""
    if target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return default
