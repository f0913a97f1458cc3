"""The lead list, detail and forms (the kernel's generic pages), moving a lead between
stages and its contact persons."""

from __future__ import annotations

from typing import Any

from flask import flash, render_template, request
from markupsafe import Markup

from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import login_required
from core.web.generic import Column, Field, Filter, register_crud
from plugins.leads import services
from plugins.leads.labels import CLIENT_KIND_LABELS, SOURCE_LABELS, STATUS_LABELS, choices
from plugins.leads.views import bp
from plugins.leads.views.common import (
    back,
    form_dict,
    is_htmx,
    owner_choices,
    pipeline_choices,
    stage_choices,
)

register_crud(
    bp, kind="leads.lead", name="lead", path="",
    columns=[Column("title", _l("Title")),
             Column("party_name", _l("Company or person"), sortable=False),
             Column("stage_id", _l("Stage"), sortable=False,
                    format=lambda lead: lead.stage.name),
             Column("status", _l("Status"), format=lambda lead: STATUS_LABELS[lead.status]),
             Column("budget", _l("Budget"), format="money:currency"),
             Column("source", _l("Source"), sortable=False,
                    format=lambda lead: SOURCE_LABELS[lead.source]),
             Column("created_at", _l("Created"))],
    filters=[Filter("status", _l("Status"), type="select", choices=choices(STATUS_LABELS)),
             Filter("pipeline_id", _l("Pipeline"), type="select", choices=pipeline_choices),
             Filter("stage_id", _l("Stage"), type="select", choices=stage_choices),
             Filter("source", _l("Source"), type="select", choices=choices(SOURCE_LABELS)),
             Filter("owner_id", _l("Owner"), type="select", choices=owner_choices)],
    default_sort="-created_at",
    form_fields=[Field("title", _l("Title"), required=True),
                 Field("client_id", _l("Existing client"), type="record", kind="parties.client",
                       help=_l("When the lead is about a client you already have."),
                       col="col-md-8"),
                 Field("client_kind", _l("Becomes a"), type="select",
                       choices=choices(CLIENT_KIND_LABELS), col="col-md-4"),
                 Field("company_name", _l("Company"), col="col-md-8"),
                 Field("person_name", _l("Contact person"), col="col-md-4"),
                 Field("email", _l("E-mail"), type="email", col="col-md-4"),
                 Field("phone", _l("Phone"), col="col-md-4"),
                 Field("country", _l("Country (2 letters)"), col="col-md-4"),
                 Field("tax_id", _l("Tax id"), col="col-md-4"),
                 Field("source", _l("Source"), type="select", choices=choices(SOURCE_LABELS),
                       col="col-md-4"),
                 Field("budget", _l("Expected value"), type="decimal", col="col-md-4"),
                 Field("currency", _l("Currency"), col="col-md-4"),
                 Field("pipeline_id", _l("Pipeline"), type="select", choices=pipeline_choices,
                       col="col-md-4"),
                 Field("description", _l("Description"), type="textarea")],
)


@bp.context_processor
def _lead_helpers() -> dict[str, Any]:
    """Helpers the lead pages need beyond the generic context."""
    from plugins.leads.services.pipelines import lost_reasons

    return {"lead_lost_reasons": lost_reasons, "lead_source_labels": SOURCE_LABELS,
            "lead_status_labels": STATUS_LABELS}


@bp.post("/<int:id>/move")
@login_required
def lead_move(id: int):
    """Move a lead (board drag and drop, the stage select on a card or the lead's page)."""
    data: dict[str, Any] = {}
    for key in ("stage_id", "lost_reason_id", "version"):
        value = request.form.get(key, "").strip()
        data[key] = int(value) if value.isdigit() else (value or None)
    if request.form.get("lost_note", "").strip():
        data["lost_note"] = request.form["lost_note"].strip()
    try:
        services.move_lead(current_principal(), id, data)
    except (ValidationError, Conflict) as exc:
        if request.form.get("from") == "board":
            from plugins.leads.views.board import render_board

            return render_board(errors={id: exc}), exc.status
        flash(exc.message + " " + " ".join(" ".join(map(str, v)) for v in
                                           (exc.fields or {}).values()), "danger")
        return back("leads.lead_detail", id=id)
    if request.form.get("from") == "board" and is_htmx():
        from plugins.leads.views.board import render_board

        return render_board()
    flash(_("Lead moved."), "success")
    return back("leads.lead_detail", id=id)


@bp.post("/<int:id>/contacts")
@login_required
def lead_contact_add(id: int):
    try:
        services.add_lead_contact(current_principal(), id, {
            **form_dict(("name", "job_title", "email", "phone")),
            "name": request.form.get("name", ""),
            "is_primary": request.form.get("is_primary") == "on"})
    except ValidationError as exc:
        return render_contacts(id, errors=exc.fields or {}, values=request.form), 422
    return render_contacts(id) if is_htmx() else back("leads.lead_detail", id=id)


@bp.post("/<int:id>/contacts/<int:contact_id>/delete")
@login_required
def lead_contact_remove(id: int, contact_id: int):
    services.remove_lead_contact(current_principal(), id, contact_id)
    return render_contacts(id) if is_htmx() else back("leads.lead_detail", id=id)


def render_contacts(lead_id: int, *, errors: dict | None = None, values: Any = None) -> str:
    principal = current_principal()
    lead = services.load_lead(principal, lead_id)
    return render_template("leads/_contacts.html", lead=lead, errors=errors or {},
                           values=values or {}, can_write=principal.has("leads.write"))


def contacts_panel(lead_id: int) -> Markup:
    return Markup(render_contacts(lead_id))
