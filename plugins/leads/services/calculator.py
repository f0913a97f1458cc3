"""The cost calculator: catalogue products and services priced on a lead.

Every change re-adds the lines and writes their net total into the lead's ``budget``, so
the pipeline's values follow the calculation. The lines are also what an offer made from
the lead starts with (see :func:`document_content`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.services import act_as
from plugins.leads.exceptions import InvalidLeadData
from plugins.leads.models import Lead, LeadLine
from plugins.leads.models.calculator import CENT
from plugins.leads.schemas import LineSchema
from plugins.leads.services.common import load, load_lead
from plugins.leads.services.leads import flush_lead


def totals(lead: Lead) -> dict[str, Decimal]:
    net = sum((line.net for line in lead.lines), Decimal(0)).quantize(CENT)
    vat = sum((line.vat for line in lead.lines), Decimal(0)).quantize(CENT)
    return {"net": net, "vat": vat, "gross": net + vat}


def add_line(principal: Any, lead_id: int, data: dict[str, Any]) -> LeadLine:
    """Add a line; a catalogue ``product_id`` fills in description, unit, price and VAT."""
    lead = load_lead(principal, lead_id, "write")
    act_as(principal)
    values = _line_values(lead, load(LineSchema(), data))
    line = LeadLine(**values, position=len(lead.lines))
    lead.lines.append(line)
    _rebudget(principal, lead)
    return line


def update_line(principal: Any, lead_id: int, line_id: int, data: dict[str, Any]) -> LeadLine:
    lead = load_lead(principal, lead_id, "write")
    act_as(principal)
    line = _line(lead, line_id)
    given = load(LineSchema(), data, partial=True)
    current = {k: getattr(line, k) for k in ("product_id", "description", "quantity", "unit",
                                             "unit_price", "discount", "vat_rate")}
    if "product_id" in given and given["product_id"] != line.product_id:
        for key in ("description", "unit", "unit_price", "vat_rate"):
            current.pop(key)  # a new product brings its own unless given
    values = _line_values(lead, {**current, **given})
    for key, value in values.items():
        setattr(line, key, value)
    _rebudget(principal, lead)
    return line


def remove_line(principal: Any, lead_id: int, line_id: int) -> None:
    lead = load_lead(principal, lead_id, "write")
    act_as(principal)
    lead.lines.remove(_line(lead, line_id))
    _rebudget(principal, lead)


def _line(lead: Lead, line_id: int) -> LeadLine:
    line = next((x for x in lead.lines if x.id == line_id), None)
    if line is None:
        raise NotFound(_("There is no such line."))
    return line


def _line_values(lead: Lead, values: dict[str, Any]) -> dict[str, Any]:
    from plugins.catalog.models import Product

    product = None
    if values.get("product_id") is not None:
        product = session().get(Product, values["product_id"])
        if product is None or not product.active:
            raise InvalidLeadData({"product_id": [_("Choose an active product or service.")]})
        if values.get("unit_price") is None and product.currency != lead.currency:
            raise InvalidLeadData({"unit_price": [_(
                "The product is priced in %(currency)s; give the price in %(lead)s.",
                currency=product.currency, lead=lead.currency)]})
    defaults = {"description": product.name if product else None,
                "unit": product.unit if product else None,
                "unit_price": product.price if product else None,
                "vat_rate": product.vat_rate if product else Decimal(0)}
    for key, default in defaults.items():
        if values.get(key) is None:
            values[key] = default
    missing = {k: [_("Missing data for required field.")]
               for k in ("description", "unit_price") if values.get(k) is None}
    if missing:
        raise InvalidLeadData(missing)
    values.setdefault("discount", Decimal(0))
    return values


def _rebudget(principal: Any, lead: Lead) -> None:
    session().flush()
    if lead.lines:
        lead.budget = totals(lead)["net"]
    lead.updated_by_id = principal.user_id
    flush_lead(lead)


def document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    """The lead's calculator as a neutral document (``core.conversions.content``), so an
    offer can start from it without importing this plugin."""
    if kind != "leads.lead":
        return None
    lead = session().get(Lead, record_id)
    if lead is None:
        return None
    lines = [{"product_id": line.product_id, "description": line.description,
              "quantity": line.quantity, "unit": line.unit, "unit_price": line.unit_price,
              "discount": line.discount, "vat_rate": line.vat_rate, "net": line.net}
             for line in lead.lines]
    content: dict[str, Any] = {
        "kind": kind, "record_id": lead.id, "party_id": lead.client_id,
        "currency": lead.currency, "reference": lead.title, "lines": lines,
        "totals": totals(lead),
        "extra": {"leads.lead": {"lead_id": lead.id, "owner_id": lead.owner_id,
                                 "company_name": lead.company_name,
                                 "person_name": lead.person_name, "email": lead.email,
                                 "budget": lead.budget},
                  # where the offers plugin sends an offer made from this lead
                  "leads.email": lead.email},
    }
    if lead.description:
        content["notes"] = lead.description
    return content
