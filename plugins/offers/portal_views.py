"""The offers section of the client portal (``/portal/offers``): the offers sent to the
client, each with its frozen rendition and PDF, and the accept / decline form while the
offer may still be decided. Every page goes through ``services.portal``, which scopes it
to the portal user's current client.

Shown only when the portal plugin is enabled: it asks for the section through
``kontora_portal_sections`` and provides the ``portal/layout.html`` these pages extend.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from core.errors import ValidationError
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import portal_pages_only
from plugins.offers.exceptions import WrongStatus
from plugins.offers.public import frozen_html, pdf_response
from plugins.offers.services.decisions import decidable
from plugins.offers.services.portal import client_offer, client_offers, decide_as_client
from plugins.offers.workflow import STATUS_LABELS

bp = Blueprint("offers_portal", __name__, url_prefix="/portal/offers",
               template_folder="templates")
bp.before_request(portal_pages_only)




def portal_sections() -> list[dict[str, Any]]:
    return [{"key": "offers", "title": _l("Offers"), "endpoint": "offers_portal.index",
             "order": 10}]


@bp.get("/")
def index() -> str:
    return render_template("offers/portal/list.html", offers=client_offers(current_principal()),
                           labels=STATUS_LABELS)


@bp.get("/<int:offer_id>")
def detail(offer_id: int) -> str:
    offer = client_offer(current_principal(), offer_id)
    return render_template("offers/portal/detail.html", offer=offer, labels=STATUS_LABELS,
                           html=frozen_html(offer.id), decidable=decidable(offer), errors={})


@bp.get("/<int:offer_id>/pdf")
def pdf(offer_id: int) -> Response | tuple[str, int]:
    return pdf_response(client_offer(current_principal(), offer_id))


@bp.post("/<int:offer_id>/decide")
def decide(offer_id: int) -> Response | tuple[str, int]:
    principal = current_principal()
    data = {k: request.form[k] for k in ("decision", "comment") if k in request.form}
    try:
        offer = decide_as_client(principal, offer_id, data)
    except ValidationError as exc:
        offer = client_offer(principal, offer_id)
        return render_template("offers/portal/detail.html", offer=offer, labels=STATUS_LABELS,
                               html=frozen_html(offer.id), decidable=decidable(offer),
                               errors=exc.fields), 422
    except WrongStatus as exc:
        flash(exc.message, "warning")
        return redirect(url_for("offers_portal.detail", offer_id=offer_id), code=303)
    flash(_("Thank you: offer %(ref)s is accepted.", ref=offer.reference)
          if offer.status == "accepted" else
          _("Offer %(ref)s is declined. Thank you for letting us know.", ref=offer.reference),
          "success")
    return redirect(url_for("offers_portal.detail", offer_id=offer_id), code=303)
