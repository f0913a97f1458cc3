"""Staff pages of the company mailbox under ``/leads/mailbox``.

The inbox and the automatic mail are two filters of one list; a message page shows the
conversation, the text, the sanitised HTML in a sandboxed frame (``srcdoc`` with no
``allow-*`` token: no script runs, nothing is submitted, links cannot navigate this
page), the files, and the button that turns it into a lead.
"""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.leads.links import lead_path
from plugins.leads.mailbox import accounts, quarantine, services
from plugins.leads.mailbox.downloads import file_response
from plugins.leads.mailbox.labels import REASON_LABELS
from plugins.leads.mailbox.services import ADMIN, READ, STATES

bp = Blueprint("leads_mailbox", __name__, url_prefix="/leads/mailbox",
               template_folder="../templates")


@bp.context_processor
def _labels() -> dict:
    return {"reason_labels": REASON_LABELS}


@bp.get("/")
@permission_required(READ)
def inbox() -> str:
    kind = request.args.get("kind", "inbox")
    kind = kind if kind in ("inbox", "automatic") else "inbox"
    state = request.args.get("state") if request.args.get("state") in STATES else None
    search = request.args.get("q", "").strip()
    before = request.args.get("before", type=int)
    principal = current_principal()
    page = services.list_messages(principal, kind=kind, state=state,
                                  search=search or None, before=before)
    return render_template("leads/mailbox/inbox.html", page=page, kind=kind, state=state,
                           search=search, states=accounts.fetch_states(principal),
                           quarantined=quarantine.count(principal))


@bp.get("/<int:id>")
@permission_required(READ)
def message(id: int) -> str:
    principal = current_principal()
    found = services.get_message(principal, id)
    return render_template("leads/mailbox/message.html", message=found,
                           thread=services.thread(principal, found),
                           lead_url=lead_path(found.lead_id) if found.lead_id else None,
                           client_url=url_for("parties.client_detail", id=found.client_id)
                           if found.client_id else None)


@bp.post("/<int:id>/lead")
@permission_required(READ)
def make_lead(id: int) -> Response:
    lead = services.convert_to_lead(current_principal(), id)
    flash(_("Lead %(title)s made from the e-mail.", title=lead.title), "success")
    return redirect(lead_path(lead.id))


@bp.get("/files/<key>")
@login_required
def download(key: str) -> Response:
    """The file, to readers of the mailbox; anyone else gets the same 404 as a wrong key."""
    return file_response(services.get_attachment(current_principal(), key))


@bp.route("/blocked", methods=["GET", "POST"])
@permission_required(ADMIN)
def blocked() -> tuple[str, int] | Response:
    errors: dict = {}
    if request.method == "POST":
        try:
            entry = services.block_sender(current_principal(), request.form.to_dict())
        except ValidationError as exc:
            errors = exc.fields or {}
        else:
            flash(_("Mail from %(pattern)s is now filed as automatic.", pattern=entry.pattern),
                  "success")
            return redirect(url_for(".blocked"))
    return render_template("leads/mailbox/blocked.html",
                           entries=services.blocked_senders(current_principal()),
                           errors=errors, form=request.form), 422 if errors else 200


@bp.post("/blocked/<int:id>/delete")
@permission_required(ADMIN)
def unblock(id: int) -> Response:
    services.unblock_sender(current_principal(), id)
    flash(_("The entry was removed from the block list."), "success")
    return redirect(url_for(".blocked"))
