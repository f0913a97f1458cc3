"""Admin pages of the named offer texts: the list, the add and edit form, archiving.

Each form posts to one service call of :mod:`plugins.offers.services.texts`; a refused
save (a template that does not parse, a name taken) shows the form again with the field's
message (422).
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from core.documents.rendering import merge_tags
from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from core.web.switches import switch_on
from plugins.offers.documents import KIND
from plugins.offers.services import texts
from plugins.offers.views import bp

TEXT_ID = "<int(max=2147483647):text_id>"


@bp.get("/texts")
@login_required
@permission_required(texts.CONFIGURE)
def text_list():
    return render_template("offers/texts.html", rows=texts.all_texts())


@bp.route("/texts/new", methods=["GET", "POST"])
@login_required
@permission_required(texts.CONFIGURE)
def text_new():
    values: dict[str, Any] = {"active": True, "is_default": False, "body": ""}
    if request.method == "POST":
        values = _data()
        try:
            texts.create_text(current_principal(), values)
        except ValidationError as exc:
            return _form(None, values, exc.fields or {}), 422
        flash(_("The offer text is saved."), "success")
        return redirect(url_for("offers.text_list"), code=303)
    return _form(None, values, {})


@bp.route(f"/texts/{TEXT_ID}", methods=["GET", "POST"])
@login_required
@permission_required(texts.CONFIGURE)
def text_edit(text_id: int):
    row = texts.get_text(text_id)
    values: dict[str, Any] = {name: getattr(row, name) for name in
                              ("name", "body", "intro", "terms", "active", "is_default")}
    if request.method == "POST":
        values = _data()
        try:
            texts.update_text(current_principal(), text_id, values)
        except ValidationError as exc:
            return _form(row, values, exc.fields or {}), 422
        flash(_("The offer text is saved."), "success")
        return redirect(url_for("offers.text_list"), code=303)
    return _form(row, values, {})


@bp.post(f"/texts/{TEXT_ID}/archive")
@login_required
@permission_required(texts.CONFIGURE)
def text_archive(text_id: int):
    try:
        texts.archive_text(current_principal(), text_id)
    except Conflict as exc:
        flash(exc.message, "danger")
    else:
        flash(_("The offer text is archived; offers that use it keep it."), "success")
    return redirect(url_for("offers.text_list"), code=303)


def _data() -> dict[str, Any]:
    form = request.form
    return {"name": form.get("name", ""), "body": form.get("body", ""),
            "intro": form.get("intro") or None, "terms": form.get("terms") or None,
            "active": switch_on(form, "active"),
            "is_default": switch_on(form, "is_default")}


def _form(row: Any, values: dict[str, Any], errors: dict[str, Any]) -> str:
    return render_template("offers/text_form.html", row=row, values=values, errors=errors,
                           tags=merge_tags(KIND))
