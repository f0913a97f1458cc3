"""The client's page behind the e-mailed link: the invoice, its PDF and its XML.

``/l/<token>`` calls :func:`view` for the purpose ``invoicing.view``; nobody signs in, the
link is the authority, and it only shows (so it is not single-use). While something is
open, the page offers the online payment methods plugins contribute
(``kontora_payment_methods``); :func:`pay` starts one and sends the client on.
"""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, url_for

from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.identity import limiter
from core.links import record_view, resolve_link
from plugins.invoicing.models import BillingDocument
from plugins.invoicing.receivables import payment_methods, start_payment
from plugins.invoicing.services.sending import VIEW_PURPOSE
from plugins.invoicing.views import public_bp
from plugins.invoicing.views.files import facturx_response, pdf_response, xml_response
from plugins.invoicing.views.pages import paper_context


def _document(token: str) -> tuple[Any, BillingDocument]:
    link = resolve_link(token, VIEW_PURPOSE)
    doc = session().get(BillingDocument, link.record_id)
    if doc is None or doc.status == "draft":
        raise NotFound(_("There is no such document."))
    return link, doc


@public_bp.get("/<token>", endpoint="view")
@limiter.limit("30 per minute")
def view(token: str):
    link, doc = _document(token)
    record_view(link)
    return render_template(
        "invoicing/public.html", **paper_context(doc), token=token, methods=payment_methods(doc)
    )


@public_bp.post("/<token>/pay/<code>", endpoint="pay")
@limiter.limit("10 per minute")
def pay(token: str, code: str):
    _link, doc = _document(token)
    return redirect(start_payment(doc, code), code=303)


@public_bp.get("/<token>/pdf", endpoint="pdf")
@limiter.limit("30 per minute")
def pdf(token: str):
    _link, doc = _document(token)
    return pdf_response(doc, url_for("invoicing_public.view", token=token))


@public_bp.get("/<token>/facturx", endpoint="facturx")
@limiter.limit("30 per minute")
def facturx(token: str):
    _link, doc = _document(token)
    return facturx_response(doc, url_for("invoicing_public.view", token=token))


@public_bp.get("/<token>/xml", endpoint="xml")
@limiter.limit("30 per minute")
def xml(token: str):
    _link, doc = _document(token)
    return xml_response(doc)
