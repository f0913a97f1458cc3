"""The invoices section of the client portal (``/portal/invoices``): the client's invoices
with status, open amount and the balance per currency, each downloadable as PDF and as
UBL e-invoice XML. Every page goes through ``services.portal``, which scopes it to the
portal user's current client.

Shown only when the portal plugin is enabled: it asks for the section through
``kontora_portal_sections`` and provides the ``portal/layout.html`` these pages extend.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from core.i18n import lazy_gettext as _l
from core.identity import current_principal, limiter
from core.identity.guards import portal_pages_only
from core.web.badges import list_badges
from plugins.invoicing.models import Invoice
from plugins.invoicing.receivables import balance, payment_methods, start_payment
from plugins.invoicing.services.portal import client_document, client_documents, client_id_of
from plugins.invoicing.views.files import pdf_response, xml_response
from plugins.invoicing.workflow import DOC_TYPE_LABELS, STATUS_LABELS

bp = Blueprint(
    "invoicing_portal", __name__, url_prefix="/portal/invoices", template_folder="templates"
)
bp.before_request(portal_pages_only)


def portal_sections() -> list[dict[str, Any]]:
    return [
        {
            "key": "invoices",
            "title": _l("Invoices"),
            "endpoint": "invoicing_portal.index",
            "order": 30,
        }
    ]


@bp.get("/")
def index() -> str:
    principal = current_principal()
    docs = client_documents(principal)
    owed = balance(select(Invoice).where(Invoice.party_id == client_id_of(principal)))
    return render_template("invoicing/portal/list.html", docs=docs, balance=owed,
                           statuses=STATUS_LABELS, types=DOC_TYPE_LABELS,
                           methods={d.id: payment_methods(d) for d in docs},
                           badges=list_badges("invoicing.invoice",
                                              [d.id for d in docs if d.doc_type != "proforma"]))


@bp.post("/<int:doc_id>/pay/<code>")
@limiter.limit("10 per minute")
def pay(doc_id: int, code: str) -> Response:
    """Pay an open invoice online: the client goes on to the provider's page."""
    return redirect(start_payment(client_document(current_principal(), doc_id), code), code=303)


@bp.get("/<int:doc_id>/pdf")
def pdf(doc_id: int) -> Any:
    return pdf_response(
        client_document(current_principal(), doc_id), url_for("invoicing_portal.index")
    )


@bp.get("/<int:doc_id>/xml")
def xml(doc_id: int) -> Response:
    return xml_response(client_document(current_principal(), doc_id))
