"""Admin pages for web forms: design a form, copy its snippet and endpoint."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import permission_required
from core.web.switches import switch_on
from plugins.leads.labels import FIELD_LABELS
from plugins.leads.models import WebForm
from plugins.leads.services import webforms
from plugins.leads.services.webforms import FORM_FIELDS, LANGUAGES, endpoint_of
from plugins.leads.views import bp
from plugins.leads.views.common import owner_choices, pipeline_choices

ADMIN = "leads.forms.admin"


@bp.get("/forms")
@permission_required(ADMIN)
def forms():
    return render_template("leads/forms.html", forms=webforms.forms(current_principal()))


@bp.route("/forms/new", methods=["GET", "POST"], defaults={"form_id": None})
@bp.route("/forms/<int:form_id>", methods=["GET", "POST"])
@permission_required(ADMIN)
def form_edit(form_id: int | None):
    form = webforms.load_form(current_principal(), form_id) if form_id is not None else None
    errors: dict[str, Any] = {}
    status = 200
    values = _values(form)
    if request.method == "POST":
        values = _posted()
        try:
            form = webforms.save_form(current_principal(), values, form_id)
        except ValidationError as exc:
            errors, status = exc.fields or {}, 422
        else:
            flash(_("Web form saved."), "success")
            return redirect(url_for("leads.form_edit", form_id=form.id))
    language = request.args.get("lang", "en") if request.args.get("lang") in LANGUAGES else "en"
    return render_template(
        "leads/form_edit.html", form=form, values=values, errors=errors,
        field_names=FORM_FIELDS, field_labels=FIELD_LABELS, languages=LANGUAGES,
        pipelines=pipeline_choices(), owners=owner_choices(), language=language,
        snippet=_snippet(form, language) if form is not None else None,
        endpoint=endpoint_of(form) if form is not None else None), status


def _values(form: WebForm | None) -> dict[str, Any]:
    if form is None:
        return {"name": "", "active": True, "fields": [
            {"name": "person_name", "required": True, "labels": {}},
            {"name": "email", "required": True, "labels": {}},
            {"name": "description", "required": False, "labels": {}}],
            "thank_you": {}, "allowed_origins": "", "pipeline_id": None, "owner_id": None}
    return {"name": form.name, "active": form.active, "fields": form.fields,
            "thank_you": form.thank_you, "allowed_origins": form.allowed_origins,
            "pipeline_id": form.pipeline_id, "owner_id": form.owner_id}


def _posted() -> dict[str, Any]:
    """The designer's form as service data: one row of inputs per lead field."""
    fields = []
    for name in FORM_FIELDS:
        if request.form.get(f"use_{name}") == "on":
            fields.append({"name": name, "required": request.form.get(f"req_{name}") == "on",
                           "labels": {lang: request.form.get(f"label_{name}_{lang}", "")
                                      for lang in LANGUAGES}})
    number = request.form.get("pipeline_id", "")
    owner = request.form.get("owner_id", "")
    return {"name": request.form.get("name", ""), "active": switch_on(request.form, "active"),
            "fields": fields, "allowed_origins": request.form.get("allowed_origins", ""),
            "thank_you": {lang: request.form.get(f"thanks_{lang}", "") for lang in LANGUAGES},
            "pipeline_id": int(number) if number.isdigit() else None,
            "owner_id": int(owner) if owner.isdigit() else None}


def _snippet(form: WebForm, language: str) -> str:
    from plugins.leads.services.webforms import HONEYPOT, LANGUAGE, label

    return render_template("leads/_snippet.html", form=form, endpoint=endpoint_of(form),
                           language=language, label=label, honeypot=HONEYPOT,
                           language_field=LANGUAGE).strip()
