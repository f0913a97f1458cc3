"""Offer header forms (new, edit), sending, cancelling, revising and deleting.

Each form posts to one service call. Editing a sent offer saves into a new revision and
goes to it; a validation error shows the form again with each field's message (422).
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from core.kernel import kontora
from plugins.offers import services
from plugins.offers.services.texts import active_texts, default_text, get_text
from plugins.offers.views import bp
from plugins.offers.workflow import FORMAT_LABELS

FIELDS = ("title", "format", "party_id", "lead_id", "contact_id", "recipient_email", "language",
          "currency", "valid_until", "intro", "body", "terms", "text_id")
LANGUAGES = [("en", "English"), ("ro", "Română"), ("bg", "Български"), ("ru", "Русский")]


@bp.route("/compose", methods=["GET", "POST"])
@login_required
@permission_required("offers.write")
def offer_compose():
    default = default_text()
    values: dict[str, Any] = {"format": "table", "language": "en", "currency": "RON",
                              "text_id": default.id if default else None, **_from_args()}
    if request.method == "POST":
        values = form_data(request.form)
        try:
            offer = services.create_offer(current_principal(), values)
        except ValidationError as exc:
            return _form(values, exc.fields, exc.message), 422
        flash(_("Offer created. Add its lines, then send it."), "success")
        return redirect(url_for("offers.offer_detail", id=offer.id))
    return _form(values, {}, None)


@bp.route("/<int:id>/change", methods=["GET", "POST"])
@login_required
@permission_required("offers.write")
def offer_change(id: int):
    principal = current_principal()
    offer = services.get_offer(principal, id)
    values = {**{name: getattr(offer, name) for name in FIELDS}, **_from_args()}
    if request.method == "POST":
        values = form_data(request.form)
        try:
            changed = services.update_offer(principal, id, values,
                                            expected_version=request.form.get("version",
                                                                              type=int))
        except ValidationError as exc:
            return _form(values, exc.fields, exc.message, offer=offer), 422
        if changed.id != id:
            flash(_("The offer was sent already, so your changes make revision %(rev)s.",
                    rev=changed.revision), "info")
        return redirect(url_for("offers.offer_detail", id=changed.id))
    return _form(values, {}, None, offer=offer)


@bp.route("/<int:id>/send", methods=["GET", "POST"])
@login_required
@permission_required("offers.send")
def offer_send(id: int):
    """The send dialog: recipient and a note; sending numbers the offer and mails it."""
    principal = current_principal()
    offer = services.get_offer(principal, id)
    values = {"to": offer.recipient_email or "", "message": ""}
    if request.method == "POST":
        values = {"to": request.form.get("to", "").strip() or None,
                  "message": request.form.get("message", "").strip() or None}
        try:
            offer = services.send_offer(principal, id, values,
                                        expected_version=request.form.get("version",
                                                                          type=int))
        except ValidationError as exc:
            return render_template("offers/send.html", offer=offer, values=values,
                                   errors=exc.fields, message=exc.message), 422
        flash(_("Offer %(ref)s is on its way to %(to)s with its PDF.", ref=offer.reference,
                to=offer.recipient_email), "success")
        return redirect(url_for("offers.offer_detail", id=id))
    return render_template("offers/send.html", offer=offer, values=values, errors={},
                           message=None)


@bp.post("/<int:id>/cancel")
@login_required
@permission_required("offers.write")
def offer_cancel(id: int):
    services.cancel_offer(current_principal(), id)
    flash(_("The offer was cancelled."), "success")
    return redirect(url_for("offers.offer_detail", id=id))


@bp.post("/<int:id>/revise")
@login_required
@permission_required("offers.write")
def offer_revise(id: int):
    offer = services.revise_offer(current_principal(), id)
    flash(_("Revision %(rev)s was started; the client sees it once you send it.",
            rev=offer.revision), "success")
    return redirect(url_for("offers.offer_detail", id=offer.id))


@bp.route("/<int:id>/remove", methods=["GET", "POST"])
@login_required
@permission_required("offers.delete")
def offer_remove(id: int):
    offer = services.get_offer(current_principal(), id)
    if request.method == "POST":
        services.delete_offer(current_principal(), id)
        flash(_("The draft was deleted."), "success")
        return redirect(url_for("offers.offer_list"))
    return render_template("offers/remove.html", offer=offer)


def _from_args() -> dict[str, Any]:
    """Fields given in the address: a link from a client's page, or the way back from a
    picker's "New" form, which keeps what was typed."""
    return {k: request.args[k] for k in FIELDS if k in request.args}


def form_data(form: MultiDict) -> dict[str, Any]:
    """The submitted header fields; blank optional fields become ``None``."""
    data: dict[str, Any] = {}
    for name in FIELDS:
        raw = form.get(name, "")
        value = raw if name in ("intro", "body", "terms") else raw.strip()
        data[name] = value if value.strip() else None
    return data


def _text_choices(offer: Any) -> list[tuple[int, str]]:
    """The active texts; an offer keeps showing its own text after it was archived."""
    choices = [(text.id, text.name) for text in active_texts()]
    if offer is not None and offer.text_id and offer.text_id not in dict(choices):
        name = get_text(offer.text_id).name
        choices.append((offer.text_id, _("%(name)s (archived)", name=name)))
    return choices


def _form(values: dict[str, Any], errors: dict, message: str | None, *,
          offer: Any = None) -> str:
    return render_template("offers/form.html", values=values, errors=errors, message=message,
                           offer=offer, languages=LANGUAGES, texts=_text_choices(offer),
                           formats=[(k, str(v)) for k, v in FORMAT_LABELS.items()],
                           has_leads="leads.lead" in kontora().kinds,
                           title=_("Edit offer") if offer else _("New offer"))
