"""Creating and changing draft invoices, proformas and their lines.

Only drafts change; an issued document refuses every change here (409) and in the
database (triggers). Lines offer the services assigned to the client; a product not
assigned to the client, or a line without a product, needs ``invoicing.free_lines``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from core.db import session, utcnow
from core.documents.totals import line_net
from core.errors import Forbidden, NotFound
from core.i18n import gettext as _
from core.numbering import NumberSeries
from core.services import announce, service, validate
from plugins.catalog.models import ClientService, Product
from plugins.invoicing.exceptions import InvalidInvoiceData
from plugins.invoicing.models import BillingDocument, Invoice, InvoiceLine, Proforma
from plugins.invoicing.schemas import (
    MAX_LINES,
    InvoiceChangeSchema,
    InvoiceSchema,
    LineChangeSchema,
    LineSchema,
)
from plugins.invoicing.services.common import (
    INVOICE,
    PROFORMA,
    check_version,
    flush,
    load_document,
    refresh_totals,
    require_draft,
)
from plugins.parties.exceptions import ClientNotFound
from plugins.parties.services.common import load_client

DEFAULT_SERIES = {"invoice": "invoices", "proforma": "proformas", "credit_note": "invoices"}
FREE_LINES = "invoicing.free_lines"


@service("invoicing.write")
def create_invoice(principal: Any, data: Any, *, trusted_lines: bool = False) -> BillingDocument:
    """A draft invoice or proforma with its lines. ``trusted_lines`` (conversions) skips
    the assigned-services rule: the lines were agreed on the source document."""
    values = validate(InvoiceSchema(), data)
    lines = values.pop("lines")
    doc_type = values.pop("doc_type")
    _check_client(principal, values["party_id"])
    values["currency"] = values["currency"].upper()
    values["series"] = check_series(values.get("series") or DEFAULT_SERIES[doc_type],
                                     PROFORMA if doc_type == "proforma" else INVOICE)
    owner_id = values.pop("owner_id", None) or principal.user_id
    model = Proforma if doc_type == "proforma" else Invoice
    doc = model(status="draft", owner_id=owner_id, created_by_id=principal.user_id,
                updated_by_id=principal.user_id, **values)
    for number, line in enumerate(lines):
        doc.lines.append(make_line(principal, line, number, values["party_id"],
                                   f"lines.{number}", trusted=trusted_lines))
    refresh_totals(doc)
    session().add(doc)
    session().flush()
    announce("invoicing.invoice-created", doc.id, principal_id=principal.user_id,
             party_id=doc.party_id, doc_type=doc.doc_type)
    return doc


@service("invoicing.write")
def update_invoice(principal: Any, doc_id: int, data: Any, *,
                   expected_version: int | None = None) -> BillingDocument:
    doc = load_document(principal, doc_id, "write")
    check_version(doc, expected_version)
    require_draft(doc)
    values = validate(InvoiceChangeSchema(), data, partial=True)
    if "currency" in values:
        values["currency"] = values["currency"].upper()
    if "series" in values:
        values["series"] = check_series(values["series"],
                                         PROFORMA if doc.doc_type == "proforma" else INVOICE)
    for key, value in values.items():
        setattr(doc, key, value)
    refresh_totals(doc)
    doc.updated_by_id = principal.user_id
    flush()
    return doc


@service("invoicing.write")
def delete_invoice(principal: Any, doc_id: int, *, expected_version: int | None = None) -> None:
    """Delete a draft; an issued document stays for good."""
    doc = load_document(principal, doc_id, "write")
    check_version(doc, expected_version)
    require_draft(doc)
    session().delete(doc)
    flush()


@service("invoicing.write")
def add_line(principal: Any, doc_id: int, data: Any) -> InvoiceLine:
    doc = load_document(principal, doc_id, "write")
    require_draft(doc)
    if len(doc.lines) >= MAX_LINES:
        raise InvalidInvoiceData({"_schema": [_("A document holds at most %(n)s lines.",
                                                n=MAX_LINES)]})
    values = validate(LineSchema(), data)
    position = max((line.position for line in doc.lines), default=-1) + 1
    line = make_line(principal, values, position, doc.party_id, "")
    doc.lines.append(line)
    _touch(doc, principal)
    return line


@service("invoicing.write")
def update_line(principal: Any, doc_id: int, line_id: int, data: Any) -> InvoiceLine:
    """Change a draft's line: its quantity, price or discount (an issued one refuses, 409)."""
    doc = load_document(principal, doc_id, "write")
    require_draft(doc)
    line = _own_line(doc, line_id)
    values = validate(LineChangeSchema(), data)
    for key, value in values.items():
        setattr(line, key, value)
    line.net = line_net(line.quantity, line.unit_price, line.discount)
    _touch(doc, principal)
    return line


@service("invoicing.write")
def remove_line(principal: Any, doc_id: int, line_id: int) -> None:
    doc = load_document(principal, doc_id, "write")
    require_draft(doc)
    doc.lines.remove(_own_line(doc, line_id))
    _touch(doc, principal)


def make_line(principal: Any, values: dict[str, Any], position: int, party_id: int,
              prefix: str, *, trusted: bool = False) -> InvoiceLine:
    """A line from validated ``values``; ``prefix`` names the field in errors."""
    if values.get("product_id"):
        _check_product(principal, values, party_id, prefix, trusted=trusted)
    elif not trusted and not principal.has(FREE_LINES):
        raise Forbidden(_("You may add only the services assigned to the client."))
    discount = values.get("discount", Decimal(0))
    return InvoiceLine(
        position=position, product_id=values.get("product_id"),
        description=values["description"], quantity=values["quantity"],
        unit=values.get("unit"), unit_price=values["unit_price"], discount=discount,
        vat_rate=values["vat_rate"], vat_category=values.get("vat_category") or "S",
        exemption_reason=values.get("exemption_reason"),
        source_line_id=values.get("source_line_id"),
        net=line_net(values["quantity"], values["unit_price"], discount))


def _check_product(principal: Any, values: dict[str, Any], party_id: int, prefix: str, *,
                   trusted: bool = False) -> None:
    """Fill the line from the product (the client's own price first)."""
    field = f"{prefix}.product_id" if prefix else "product_id"
    product = session().get(Product, values["product_id"])
    if product is None:
        raise InvalidInvoiceData({field: [_("There is no such product.")]})
    assigned = session().scalars(select(ClientService).where(
        ClientService.client_id == party_id,
        ClientService.product_id == product.id)).first()
    if assigned is None and not trusted and not principal.has(FREE_LINES):
        raise InvalidInvoiceData({field: [_("This service is not assigned to the client.")]})
    values.setdefault("description", product.name)
    values.setdefault("unit", product.unit)
    price = assigned.price if assigned is not None and assigned.price is not None \
        else product.price
    values.setdefault("unit_price", price)
    values.setdefault("vat_rate", product.vat_rate)


def check_series(code: str, kind: str) -> str:
    series = session().scalars(select(NumberSeries).where(NumberSeries.code == code)).first()
    if series is None or not series.active or series.kind != kind:
        raise InvalidInvoiceData({"series": [_("There is no such active series for this "
                                               "kind of document.")]})
    return code


def _own_line(doc: BillingDocument, line_id: int) -> InvoiceLine:
    for line in doc.lines:
        if line.id == line_id:
            return line
    raise NotFound(_("The document has no such line."))


def _touch(doc: BillingDocument, principal: Any) -> None:
    refresh_totals(doc)
    doc.updated_by_id = principal.user_id
    doc.updated_at = utcnow()
    flush()


def _check_client(principal: Any, party_id: int) -> None:
    try:
        load_client(principal, party_id, "read")
    except (ClientNotFound, Forbidden):
        raise InvalidInvoiceData({"party_id": [_("There is no such client.")]}) from None


__all__ = ["add_line", "create_invoice", "delete_invoice", "make_line",
           "remove_line", "update_invoice", "update_line"]
