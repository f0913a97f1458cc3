"""The client's pages, reached without signing in through client links (``/l/<token>``).

``offers.view`` (in the e-mail; many uses until a month after the validity date) names the
offer's family and always shows the newest revision sent, as it was frozen: its HTML in a
sandboxed frame and its PDF. Opening it is recorded. While the offer waits for an answer
the page carries a form whose target is a fresh single-use ``offers.decide`` link for that
revision: posting it (CSRF-protected, rate-limited) accepts or declines with a comment,
once. A tampered, expired or used link gets the kernel's clear page.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, Response, abort, render_template, request
from sqlalchemy import select

from core.db import session
from core.documents import stored_pdf
from core.documents.models import DocumentFile
from core.errors import ValidationError
from core.identity import limiter
from core.links import consume_link, make_link, record_view, resolve_link
from core.services import validate
from plugins.offers.documents import KIND
from plugins.offers.schemas import DecisionSchema

bp = Blueprint("offers_public", __name__, url_prefix="/offer-link",
               template_folder="templates")

VIEW, DECIDE = "offers.view", "offers.decide"
PURPOSES = {VIEW: "offers_public.view", DECIDE: "offers_public.decide"}
DECIDE_LINK_LIFETIME = timedelta(days=7)


@bp.route("/view/<token>", methods=["GET"])
@limiter.limit("60 per minute")
def view(token: str):
    """The offer for the client; ``?format=pdf`` downloads its frozen PDF."""
    from plugins.offers.services.decisions import current_revision, decidable, open_offer

    if request.method != "GET":
        abort(405)
    link = resolve_link(token, VIEW)
    offer = current_revision(link.record_id)
    if offer is None:
        abort(404)
    if request.args.get("format") == "pdf":
        return pdf_response(offer)
    record_view(link)
    open_offer(offer)
    decide_url = None
    if decidable(offer):

        decide_url = make_link(DECIDE, KIND, offer.id, expires_in=DECIDE_LINK_LIFETIME,
                               single_use=True)
    return _page("offers/public/offer.html", offer=offer, decide_url=decide_url,
                 html=frozen_html(offer.id), token=token)


@bp.route("/decide/<token>", methods=["POST"])
@limiter.limit("10 per minute")
def decide(token: str):
    """Accept or decline the revision the form was made for; the link is then used up."""
    from plugins.offers.exceptions import WrongStatus
    from plugins.offers.models import Offer
    from plugins.offers.services import accept_offer, decline_offer

    if request.method != "POST":
        abort(405)
    link = resolve_link(token, DECIDE)
    try:
        values = validate(DecisionSchema(), {k: request.form[k] for k in ("decision", "comment")
                                             if k in request.form})
    except ValidationError as exc:
        offer = session().get(Offer, link.record_id)
        return _page("offers/public/offer.html", offer=offer, decide_url=request.path,
                     html=frozen_html(link.record_id), errors=exc.fields), 422
    consume_link(link)
    action = accept_offer if values["decision"] == "accept" else decline_offer
    try:
        offer = action(link.record_id, values.get("comment"))
    except WrongStatus:
        offer = session().get(Offer, link.record_id)
        return _page("offers/public/decided.html", offer=offer, late=True), 409
    return _page("offers/public/decided.html", offer=offer, late=False)


def _page(template: str, **context):
    return render_template(template, bare_layout=True, **context)


def frozen_html(offer_id: int) -> str | None:
    """The HTML frozen when the revision was sent: exactly what its PDF shows."""
    from plugins.offers.services.sending import PDF_PURPOSE

    return session().scalar(select(DocumentFile.html).where(
        DocumentFile.record_kind == KIND, DocumentFile.record_id == offer_id,
        DocumentFile.purpose == PDF_PURPOSE))


def pdf_response(offer) -> Response:
    from plugins.offers.services.sending import PDF_PURPOSE

    pdf = stored_pdf(KIND, offer.id, PDF_PURPOSE)
    if pdf is None:
        return _page("offers/public/pdf_pending.html", offer=offer), 202
    name = (offer.number or f"offer-{offer.id}") + (
        f"-rev{offer.revision}" if offer.revision > 1 else "")
    return Response(pdf.content, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{name}.pdf"',
        "X-Content-SHA256": pdf.sha256})
