"""The register's extra pages: contracts expiring within N days, verifying a signed PDF,
and the reminder settings."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.contracts import services
from plugins.contracts.services.reminders import settings
from plugins.contracts.signing.pades import verify_pdf
from plugins.contracts.views import bp

DEFAULT_DAYS, MAX_DAYS = 30, 3660
MAX_PDF_BYTES = 30 * 1024 * 1024


@bp.get("/expiring", endpoint="expiring")
@login_required
@permission_required("contracts.read")
def expiring():
    """Signed and active contracts ending within ``days`` (the dashboard list)."""
    try:
        days = int(request.args.get("days") or DEFAULT_DAYS)
    except ValueError:
        days = -1
    if not 0 <= days <= MAX_DAYS:
        return render_template("contracts/expiring.html", contracts=[], days=DEFAULT_DAYS,
                               error=_("Give a number of days from 0 to %(n)s.",
                                       n=MAX_DAYS)), 400
    return render_template("contracts/expiring.html", days=days, error=None,
                           contracts=services.expiring(current_principal(), days))


@bp.route("/verify", methods=["GET", "POST"], endpoint="verify")
@login_required
@permission_required("contracts.read")
def verify():
    """Upload a PDF: are its signatures intact, is it unchanged, who signed it?"""
    report, error, status = None, None, 200
    if request.method == "POST":
        upload = request.files.get("file")
        content = upload.read(MAX_PDF_BYTES + 1) if upload else b""
        if not content:
            error, status = _("Choose a PDF file."), 400
        elif len(content) > MAX_PDF_BYTES:
            error, status = _("The file is too large."), 413
        else:
            report = verify_pdf(content)
    return render_template("contracts/verify.html", report=report, error=error), status


@bp.route("/admin", methods=["GET", "POST"], endpoint="admin")
@login_required
@permission_required("contracts.configure")
def admin():
    values = {"reminder_days": settings().reminder_days}
    errors: dict = {}
    status = 200
    if request.method == "POST":
        try:
            services.update_settings(current_principal(),
                                     {"reminder_days": request.form.get("reminder_days", "")})
        except ValidationError as exc:
            values, errors, status = dict(request.form), exc.fields or {}, 422
        else:
            flash(_("Settings saved."), "success")
            return redirect(url_for("contracts.admin"))
    return render_template("contracts/admin.html", values=values, errors=errors), status
