"""Staff pages that keep the mailbox running: the quarantine (``/leads/mailbox/quarantine``)
and the mailboxes' set-up with "fetch now" (``/leads/mailbox/settings``).

Every change is a POST carrying the CSRF token the kernel checks; reading the quarantine
needs ``leads.mailbox.read``, everything else ``leads.mailbox.admin``.
"""

from __future__ import annotations

import os
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import permission_required
from plugins.leads.mailbox import accounts, quarantine
from plugins.leads.mailbox.models import SECURITY
from plugins.leads.mailbox.services import ADMIN, READ

bp = Blueprint("leads_mailbox_admin", __name__, url_prefix="/leads/mailbox",
               template_folder="../templates")


@bp.context_processor
def _helpers() -> dict:
    return {"password_set": lambda account: bool(os.environ.get(account.password_env))}


@bp.get("/quarantine")
@permission_required(READ)
def quarantined() -> str:
    return render_template("leads/mailbox/quarantine.html",
                           entries=quarantine.quarantined(current_principal()))


@bp.post("/quarantine/<int:id>/retry")
@permission_required(ADMIN)
def retry(id: int) -> Response:
    outcome = quarantine.retry_quarantined(current_principal(), id)
    if outcome.entry is not None:
        flash(_("The message still cannot be read: %(reason)s", reason=outcome.entry.reason),
              "warning")
        return redirect(url_for(".quarantined"))
    flash(_("The message was read and is in the inbox now."), "success")
    if outcome.message is not None:
        return redirect(url_for("leads_mailbox.message", id=outcome.message.id))
    return redirect(url_for(".quarantined"))


@bp.post("/quarantine/<int:id>/discard")
@permission_required(ADMIN)
def discard(id: int) -> Response:
    quarantine.discard_quarantined(current_principal(), id)
    flash(_("The message was discarded."), "success")
    return redirect(url_for(".quarantined"))


@bp.route("/settings", methods=["GET", "POST"])
@permission_required(ADMIN)
def settings() -> tuple[str, int] | Response:
    principal = current_principal()
    errors: dict = {}
    if request.method == "POST":
        try:
            account = accounts.create_account(principal, form_data(request.form))
        except ValidationError as exc:
            errors = exc.fields or {}
        else:
            flash(_("Mailbox %(name)s set up.", name=account.name), "success")
            return redirect(url_for(".settings"))
    return render_template("leads/mailbox/settings.html", accounts=accounts.list_accounts(
        principal), states=accounts.fetch_states(principal), errors=errors, form=request.form,
        security_choices=_security_choices(), account=None), 422 if errors else 200


@bp.route("/settings/<int:id>", methods=["GET", "POST"])
@permission_required(ADMIN)
def account(id: int) -> tuple[str, int] | Response:
    principal = current_principal()
    found = accounts.get_account(principal, id)
    errors: dict = {}
    if request.method == "POST":
        try:
            accounts.update_account(principal, id, form_data(request.form))
        except ValidationError as exc:
            errors = exc.fields or {}
        else:
            flash(_("Mailbox %(name)s saved.", name=found.name), "success")
            return redirect(url_for(".settings"))
    form = request.form if request.method == "POST" else MultiDict({
        "name": found.name, "host": found.host, "port": str(found.port),
        "security": found.security, "username": found.username,
        "password_env": found.password_env, "folders": "\n".join(found.folders),
        **({"active": "true"} if found.active else {})})
    return render_template("leads/mailbox/account.html", account=found, errors=errors,
                           form=form, security_choices=_security_choices()), \
        422 if errors else 200


@bp.post("/settings/<int:id>/delete")
@permission_required(ADMIN)
def delete_account(id: int) -> Response:
    accounts.delete_account(current_principal(), id)
    flash(_("The mailbox is no longer read."), "success")
    return redirect(url_for(".settings"))


@bp.post("/fetch")
@permission_required(ADMIN)
def fetch_now() -> Response:
    accounts.request_fetch(current_principal())
    flash(_("The mailboxes are being read; the results appear below."), "success")
    return redirect(url_for(".settings"))


def form_data(form: Any) -> dict[str, Any]:
    """The form's fields as the account schema takes them: folders one per line, an
    empty port for the default, the checkbox as a boolean."""
    data: dict[str, Any] = {name: form.get(name, "") for name in (
        "name", "host", "security", "username", "password_env")}
    port = form.get("port", "").strip()
    data["port"] = None if not port else int(port) if port.isdigit() else port
    data["folders"] = [line.strip() for line in form.get("folders", "").splitlines()
                       if line.strip()]
    data["active"] = "true" in form.getlist("active")
    return data


def _security_choices() -> list[tuple[str, str]]:
    labels = {"tls": _("TLS (port 993)"), "starttls": _("STARTTLS (port 143)"),
              "none": _("None (only a server on this machine)")}
    return [(value, labels[value]) for value in SECURITY]
