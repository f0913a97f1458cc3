"""The offer page's extra parts (for the generic detail template), previews and PDFs."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template
from sqlalchemy import select

from core.db import session
from core.documents import current_file
from core.documents.totals import totals_of
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.offers import services
from plugins.offers.documents import KIND, offer_html
from plugins.offers.views import bp


@bp.app_template_global("offer_page")
def offer_page(offer: Any) -> dict[str, Any]:
    """What the offer page shows beyond its fields: revisions, client log, PDF, actions."""
    from plugins.offers.models import Offer, OfferEvent
    from plugins.offers.recipients import recipient_of
    from plugins.offers.views.lines import _editable
    from plugins.offers.workflow import STATUS_LABELS, STATUS_TONES, may_move

    principal = current_principal()
    revisions = session().scalars(select(Offer).where(Offer.family_id == offer.family_id)
                                  .order_by(Offer.revision)).all()
    events = session().scalars(select(OfferEvent).where(OfferEvent.offer_id == offer.id)
                               .order_by(OfferEvent.at, OfferEvent.id)).all()
    return {
        "recipient": recipient_of(offer), "revisions": revisions, "events": events,
        "totals": totals_of(offer.lines), "file": current_file(KIND, offer.id),
        "status_label": STATUS_LABELS[offer.status], "tone": STATUS_TONES[offer.status],
        "status_labels": STATUS_LABELS,
        "editable": _editable(offer), "products": products(offer.currency),
        "can_send": principal.has("offers.send") and may_move("send", offer.status)
        and not offer.superseded,
        "can_cancel": principal.has("offers.write") and may_move("cancel", offer.status)
        and not offer.superseded,
        "can_revise": principal.has("offers.write") and not offer.superseded
        and offer.status in ("sent", "viewed", "declined", "expired"),
        "can_delete": principal.has("offers.delete") and offer.status == "draft"
        and offer.number is None,
    }


def products(currency: str) -> list[Any]:
    """Active catalogue products for the line form (those in other currencies too)."""
    from plugins.catalog.models import Product

    return list(session().scalars(select(Product).where(Product.active.is_(True))
                                  .order_by(Product.code).limit(500)))


@bp.get("/<int:id>/preview")
@login_required
@permission_required("offers.read")
def offer_preview(id: int):
    """The document as HTML: as frozen when sent, else rendered now (a draft)."""
    from plugins.offers.public import frozen_html

    offer = services.get_offer(current_principal(), id)
    html = frozen_html(offer.id) or offer_html(offer)
    return Response(html, mimetype="text/html", headers={
        "Content-Security-Policy": "sandbox; default-src 'none'; img-src data:; "
                                   "style-src 'unsafe-inline'"})


@bp.get("/<int:id>/pdf")
@login_required
@permission_required("offers.read")
def offer_pdf(id: int):
    """The PDF: the frozen one of a sent offer, else a draft rendered by a job (the page
    waits and looks again)."""
    from plugins.offers.services.renditions import offer_pdf as pdf_of

    offer = services.get_offer(current_principal(), id)
    pdf = pdf_of(current_principal(), id)
    if pdf is None:
        return render_template("offers/pdf_pending.html", offer=offer), 202
    name = offer.number or f"offer-{offer.id}"
    if offer.revision > 1:
        name = f"{name}-rev{offer.revision}"
    return Response(pdf.content, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{name}.pdf"',
        "X-Content-SHA256": pdf.sha256})
