"""The merge page: pick the duplicate, see what would move, confirm."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.db import session
from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from core.listing import list_records
from core.permissions import scope
from plugins.parties import services
from plugins.parties.duplicates import find_duplicates
from plugins.parties.models import Client

bp = Blueprint("parties_merge", __name__, url_prefix="/clients", template_folder="templates")


@bp.route("/<int:id>/merge", methods=["GET", "POST"])
@login_required
@permission_required("parties.merge")
def merge(id: int):
    principal = current_principal()
    if request.method == "POST":
        source_id = request.form.get("source_id", type=int)
        if source_id is None:
            raise ValidationError(_("Choose the duplicate first."),
                                  fields={"source_id": [_("Choose the duplicate first.")]})
        plan = services.merge_clients(principal, source_id, id)
        flash(_("%(name)s was merged into this client.", name=plan.source_name), "success")
        return redirect(url_for("parties.client_detail", id=id))
    target = services.get_client(principal, id)
    source_id = request.args.get("source", type=int)
    if source_id is not None:
        plan = services.preview_merge(principal, source_id, id)
        return render_template("parties/merge.html", target=plan.target, plan=plan)
    q = request.args.get("q", "").strip()
    return render_template("parties/merge.html", target=target, plan=None, q=q,
                           candidates=_candidates(principal, target, q))


def _candidates(principal: Any, target: Client, q: str) -> list[Client]:
    """Look-alikes of ``target`` (or clients matching ``q``) the user may merge."""
    if q:

        page = list_records(principal, "parties.client", search=q, limit=20)
        return [c for c in page.items if c.id != target.id]
    data = {k: getattr(target, k) for k in ("name", "country", "tax_id", "vat_number", "email")}
    ids = [c.client_id for c in find_duplicates(data, exclude_id=target.id)]
    stmt = scope(select(Client).where(Client.id.in_(ids)), Client, principal, "write")
    found = {c.id: c for c in session().scalars(stmt)}
    return [found[i] for i in ids if i in found]
