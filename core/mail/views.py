"""Staff pages for outgoing mail (list, one message, resend) and the record-page panel."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from markupsafe import Markup

from core.db import session
from core.errors import Conflict
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import permission_required
from core.mail.models import STATUSES, MailMessage
from core.mail.queries import MailFilters, list_messages, messages_about
from core.mail.service import (
    READ_PERMISSION,
    RESEND_PERMISSION,
    body_readable,
    caught,
    resend_mail,
)

bp = Blueprint("mail", __name__, url_prefix="/admin/mail", template_folder="templates")

STATUS_LABELS = {
    "queued": _l("Queued"),
    "sent": _l("Sent"),
    "failed": _l("Failed"),
    "unsent": _l("Not sent — no SMTP"),
}
STATUS_STYLES = {"queued": "secondary", "sent": "success", "failed": "danger",
                 "unsent": "warning"}


@bp.app_template_global("mail_status")
def mail_status(status: str) -> Markup:
    """A coloured badge for a message status."""
    label = STATUS_LABELS.get(status, status)
    style = STATUS_STYLES.get(status, "secondary")
    return Markup('<span class="badge text-bg-{}" data-status="{}">{}</span>').format(
        style, status, label)


@bp.get("/")
@permission_required(READ_PERMISSION)
def index() -> tuple[str, int]:
    args = request.args
    errors: dict[str, list[str]] = {}
    status = args.get("status") or None
    if status and status not in STATUSES:
        errors["status"] = [_("Unknown status.")]
    before = args.get("before") or None
    if before and not (before.isdigit() and len(before) < 10):
        errors["before"] = [_("Expected a number.")]
    rows, more = ([], None) if errors else list_messages(MailFilters(
        status=status, search=args.get("q") or None,
        before_id=int(before) if before else None))
    return render_template("mail/index.html", rows=rows, more=more, args=args, errors=errors,
                           statuses=STATUS_LABELS, caught=caught()), 400 if errors else 200


@bp.get("/<int(max=2147483647):message_id>")
@permission_required(READ_PERMISSION)
def detail(message_id: int) -> str:
    row = session().get(MailMessage, message_id) or abort(404)
    principal = current_principal()
    return render_template("mail/detail.html", row=row, readable=body_readable(row),
                           may_resend=row.resendable and principal.has(RESEND_PERMISSION))


@bp.get("/<int(max=2147483647):message_id>/html")
@permission_required(READ_PERMISSION)
def html_part(message_id: int) -> Response:
    """The HTML part as sent, in a sandbox: no script runs, nothing loads from elsewhere."""
    row = session().get(MailMessage, message_id) or abort(404)
    if not row.html_body or not body_readable(row):
        abort(404)
    response = Response(row.html_body, mimetype="text/html")
    response.headers["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; style-src 'unsafe-inline'")
    return response


@bp.post("/<int(max=2147483647):message_id>/resend")
@permission_required(RESEND_PERMISSION)
def resend(message_id: int) -> Any:
    try:
        resend_mail(current_principal(), message_id)
    except Conflict as exc:
        flash(exc.message, "warning")
    else:
        flash(_("The message is queued to be sent again."), "success")
    return redirect(url_for("mail.detail", message_id=message_id))


def record_panel(kind: str, record_id: int) -> dict[str, Any] | None:
    """The "E-mail" tab of a record's page, or None when no mail is about the record."""
    rows = messages_about(kind, record_id)
    if not rows:
        return None
    principal = current_principal()
    may_read = principal is not None and principal.has(READ_PERMISSION)
    return {"key": "mail", "title": _("E-mail"), "order": 60,
            "render": lambda: Markup(render_template("mail/_panel.html", rows=rows,
                                                     may_read=may_read))}
