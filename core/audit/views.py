"""The admin page of the audit log, filterable by user, kind, action and date range."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Blueprint, render_template, request
from sqlalchemy import select

from core.audit import ACTIONS, entries
from core.db import session
from core.i18n import gettext as _
from core.identity.guards import permission_required
from core.identity.models import User
from core.kernel import kontora
from core.permissions import ADMIN_PERMISSION

bp = Blueprint("audit", __name__, url_prefix="/admin/audit", template_folder="templates")

PAGE_SIZE = 100


@bp.get("/")
@permission_required(ADMIN_PERMISSION)
def index() -> tuple[str, int]:
    args = request.args
    errors: dict[str, list[str]] = {}
    user_id = _int(args.get("user"), "user", errors)
    before_id = _int(args.get("before"), "before", errors)
    since = _day(args.get("since"), "since", errors)
    until = _day(args.get("until"), "until", errors)
    action = args.get("action") or None
    if action and action not in ACTIONS:
        errors["action"] = [_("Unknown action.")]
    rows = [] if errors else entries(
        user_id=user_id, kind=args.get("kind") or None, action=action, since=since,
        until=until + timedelta(days=1) if until else None, before_id=before_id,
        limit=PAGE_SIZE)
    users = session().scalars(select(User).order_by(User.name))
    kinds = sorted((k.kind, k.label) for k in kontora().kinds)
    more = rows[-1].id if len(rows) == PAGE_SIZE else None
    return render_template("audit/index.html", rows=rows, users=list(users), kinds=kinds,
                           actions=ACTIONS, errors=errors, more=more, args=args), (
        400 if errors else 200)


def _int(text: str | None, name: str, errors: dict[str, list[str]]) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        errors[name] = [_("Expected a number.")]
        return None
    return int(text)


def _day(text: str | None, name: str, errors: dict[str, list[str]]) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        errors[name] = [_("Use a date like 2030-12-31.")]
        return None
