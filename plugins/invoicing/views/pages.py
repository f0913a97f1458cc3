"""Staff pages: the list, one document with its lines and actions, PDF and XML.

Other plugins attach to these pages through the kernel: badges on the list rows
(``kontora_list_badges``) and panels under a document (``kontora_record_panels``), so
payments shows an invoice's payment status without invoicing importing it.

Handlers load, check access through the services and call one service; the draft forms
are in ``forms.py``, the lines editor in ``lines.py``.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import lazyload

from core.db import session
from core.errors import ValidationError
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import login_required
from core.kernel import kontora
from core.kinds import RecordKind
from core.listing import list_records
from core.web.badges import list_badges
from plugins.catalog.models import ClientService, Product
from plugins.invoicing import services
from plugins.invoicing.models import BillingDocument
from plugins.invoicing.services.common import kind_of, load_document
from plugins.invoicing.services.transmission import TRANSMISSION_LABELS, transmission_of
from plugins.invoicing.vat import CATEGORIES, breakdown
from plugins.invoicing.views import bp
from plugins.invoicing.views.files import facturx_response, pdf_response, xml_response
from plugins.invoicing.words import amount_in_words
from plugins.invoicing.workflow import DOC_TYPE_LABELS, STATUS_LABELS

PAGE_SIZE = 50
"""Rows of the list page; "Next" carries the kernel listing's signed cursor."""
DOCUMENTS = RecordKind(
    kind="invoicing.document",
    model=BillingDocument,
    label=_l("Invoice"),
    label_plural=_l("Invoices"),
    permission_prefix="invoicing",
    load_options=(lazyload(BillingDocument.lines),),
    extra={"filters": ["status"], "sort": ["created_at"], "default_sort": "-created_at"},
)
"""Every kind of billing document in one list, for ``core.listing`` (not registered: the
record kinds stay ``invoicing.invoice`` and ``invoicing.proforma``). The page does not show
lines, so they are not loaded; the order seeks on the ``(created_at, id)`` index."""


@bp.get("/", endpoint="invoice_list")
@login_required
def invoice_list():
    """Every kind of billing document, newest first, a page at a time, by status if asked;
    a cursor that is not this list's (a changed filter, a forged one) starts again."""
    principal = current_principal()
    status = request.args.get("status") or None
    if status not in STATUS_LABELS:
        status = None
    filters = {"status": status} if status else {}
    cursor = request.args.get("cursor") or None
    try:
        page = list_records(
            principal, DOCUMENTS, filters=filters, cursor=cursor, limit=PAGE_SIZE, eager=True
        )
    except ValidationError:
        cursor = None
        page = list_records(principal, DOCUMENTS, filters=filters, limit=PAGE_SIZE, eager=True)
    docs = page.items
    badges = list_badges("invoicing.invoice", [d.id for d in docs if d.doc_type != "proforma"])
    return render_template(
        "invoicing/list.html",
        docs=docs,
        labels=STATUS_LABELS,
        kinds=DOC_TYPE_LABELS,
        badges=badges,
        status=status,
        next_cursor=page.next_cursor,
        paged=cursor is not None,
    )


@bp.get("/<int:id>", endpoint="detail")
@login_required
def detail(id: int):
    return render_detail(id)


def render_detail(
    id: int, *, errors: dict | None = None, values: dict | None = None, status: int = 200
) -> Any:
    """The document page, with a refused form's messages (``errors``) and entries."""
    doc = load_document(current_principal(), id)
    panels = sorted(
        kontora().collect("kontora_record_panels", kind=kind_of(doc), record_id=doc.id),
        key=lambda p: p.get("order", 100),
    )
    return render_template(
        "invoicing/detail.html",
        **detail_context(doc),
        errors=errors or {},
        values=values or {},
        panels=panels,
    ), status


def detail_context(doc: BillingDocument) -> dict[str, Any]:
    """What the document page shows: lines, totals per rate, words, for a draft the
    services the client may be invoiced for, for an issued one its e-invoice transmission."""
    principal = current_principal()
    editable = doc.status == "draft" and principal.has("invoicing.write")
    return {
        **paper_context(doc),
        "record_kind": kind_of(doc),
        "labels": STATUS_LABELS,
        "kinds": DOC_TYPE_LABELS,
        "editable": editable,
        "free_lines": principal.has("invoicing.free_lines"),
        "services": assigned_services(doc.party_id) if editable else [],
        "transmission": transmission_of(doc.id),
        "transmission_labels": TRANSMISSION_LABELS,
    }


def paper_context(doc: BillingDocument) -> dict[str, Any]:
    """What ``_document.html`` shows of a document, on the staff page and the client's:
    the lines, the VAT per category and rate with its legal mention, the amount in words."""
    return {
        "doc": doc,
        "categories": CATEGORIES,
        "totals": breakdown(doc.lines, doc.language),
        "words": amount_in_words(doc.total_gross, doc.currency, doc.language),
    }


def assigned_services(party_id: int) -> list[tuple[Product, Any]]:
    """The client's assigned services with the price the client pays."""
    rows = session().execute(
        select(Product, ClientService.price)
        .join(ClientService, ClientService.product_id == Product.id)
        .where(ClientService.client_id == party_id)
        .order_by(Product.name)
    )
    return [(product, price if price is not None else product.price) for product, price in rows]


@bp.post("/<int:id>/issue", endpoint="issue")
@login_required
def issue(id: int):
    doc = services.issue_invoice(current_principal(), id)
    flash(_("Issued as %(number)s.", number=doc.number), "success")
    return redirect(url_for("invoicing.detail", id=id), code=303)


@bp.post("/<int:id>/credit", endpoint="credit")
@login_required
def credit(id: int):
    """Draft a credit note for the quantities entered per line, or, with none entered,
    for everything still creditable; a refused quantity is shown at its line (422)."""
    doc = load_document(current_principal(), id)
    wanted = [
        (line.id, quantity)
        for line in doc.lines
        if (quantity := request.form.get(f"credit-{line.id}", "").strip())
    ]
    data = {
        "reason": request.form.get("reason") or None,
        "lines": [{"line_id": line_id, "quantity": q} for line_id, q in wanted] or None,
    }
    try:
        note = services.credit_invoice(current_principal(), id, data)
    except ValidationError as exc:
        errors = {
            f"credit-{wanted[int(key.split('.')[1])][0]}"
            if key.startswith("lines.")
            else "credit": messages
            for key, messages in exc.fields.items()
        }
        return render_detail(id, errors=errors, values=dict(request.form), status=422)
    return redirect(url_for("invoicing.detail", id=note.id), code=303)


@bp.post("/<int:id>/send", endpoint="send")
@login_required
def send(id: int):
    services.send_invoice(current_principal(), id, {"to": request.form.get("to") or None})
    flash(_("Sent."), "success")
    return redirect(url_for("invoicing.detail", id=id), code=303)


@bp.get("/<int:id>/pdf", endpoint="pdf")
@login_required
def pdf(id: int):
    doc = load_document(current_principal(), id)
    return pdf_response(doc, url_for("invoicing.detail", id=id))


@bp.get("/<int:id>/facturx", endpoint="facturx")
@login_required
def facturx(id: int):
    doc = load_document(current_principal(), id)
    return facturx_response(doc, url_for("invoicing.detail", id=id))


@bp.get("/<int:id>/xml", endpoint="xml")
@login_required
def xml(id: int):
    return xml_response(load_document(current_principal(), id))
