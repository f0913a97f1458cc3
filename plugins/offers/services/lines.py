"""Lines of an offer: from the catalogue or free text; totals recomputed on every change.

Changing the lines of a sent offer makes a new revision first (see ``offers.py``); the
line is then found in the copy by its position.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.db import session
from core.documents.lines import LinePositionSchema, copy_line, move_line
from core.documents.totals import line_net
from core.errors import NotFound
from core.i18n import gettext as _
from core.services import act_as, locked, validate
from plugins.offers.exceptions import InvalidOfferData
from plugins.offers.models import Offer, OfferLine
from plugins.offers.schemas import LineSchema
from plugins.offers.services.common import flush, load_offer, recompute, writable
from plugins.offers.workflow import EDITABLE


def build_line(values: dict[str, Any], currency: str, path: str = "") -> OfferLine:
    """An unsaved line from loaded ``LineSchema`` values; a catalogue product fills the
    description, unit, price, VAT rate and the service mark left out."""
    from plugins.catalog.models import Product

    prefix = f"{path}." if path else ""
    product = None
    if values.get("product_id") is not None:
        product = session().get(Product, values["product_id"])
        if product is None:
            raise InvalidOfferData({f"{prefix}product_id": [_("No such product.")]})
    missing: dict[str, list[str]] = {}
    description = values.get("description") or (product.name if product else None)
    unit_price = values.get("unit_price")
    if unit_price is None and product is not None:
        if product.currency != currency:
            missing[f"{prefix}unit_price"] = [_(
                "The product is priced in %(currency)s; give the price in the offer's "
                "currency.", currency=product.currency)]
        unit_price = product.price
    vat_rate = values.get("vat_rate")
    if vat_rate is None and product is not None:
        vat_rate = product.vat_rate
    for name, value in (("description", description), ("unit_price", unit_price),
                        ("vat_rate", vat_rate)):
        if value is None:
            missing.setdefault(f"{prefix}{name}", [_("Missing data for required field.")])
    if missing:
        raise InvalidOfferData(missing)
    quantity, discount = values["quantity"], values.get("discount") or Decimal(0)
    return OfferLine(product_id=product.id if product else None, description=description,
                     quantity=quantity, unit=values.get("unit") or (product.unit if product
                                                                    else None),
                     unit_price=unit_price, discount=discount, vat_rate=vat_rate,
                     is_service=product is not None and product.kind == "service",
                     net=line_net(quantity, unit_price, discount))


def add_line(principal: Any, offer_id: int, data: Any) -> Offer:
    """Append a line; returns the offer changed (a new revision for a sent offer)."""
    offer = _target(principal, offer_id)
    values = validate(LineSchema(), data)
    offer.lines.append(build_line(values, offer.currency))
    return _saved(principal, offer)


def update_line(principal: Any, offer_id: int, line_id: int, data: Any) -> Offer:
    """Change one line (the fields given); returns the offer changed."""
    original = load_offer(principal, offer_id, "write")
    position = _position(original, line_id)
    offer = _target(principal, offer_id)
    line = offer.lines[position]
    current = {"product_id": line.product_id, "description": line.description,
               "quantity": str(line.quantity), "unit": line.unit,
               "unit_price": str(line.unit_price), "discount": str(line.discount),
               "vat_rate": str(line.vat_rate)}
    if not isinstance(data, dict):
        validate(LineSchema(), data)  # the usual 422 for a body that is no object
    values = validate(LineSchema(), {**current, **data})
    offer.lines[position] = build_line(values, offer.currency)
    return _saved(principal, offer)


def remove_line(principal: Any, offer_id: int, line_id: int) -> Offer:
    """Take a line off; returns the offer changed."""
    original = load_offer(principal, offer_id, "write")
    position = _position(original, line_id)
    offer = _target(principal, offer_id)
    del offer.lines[position]
    return _saved(principal, offer)


def reorder_line(principal: Any, offer_id: int, line_id: int, data: Any) -> Offer:
    """Move a line to ``data["position"]`` (1-based); returns the offer changed."""
    values = validate(LinePositionSchema(), data)
    original = load_offer(principal, offer_id, "write")
    position = _position(original, line_id)
    offer = _target(principal, offer_id)
    move_line(offer.lines, offer.lines[position], values["position"])
    return _saved(principal, offer)


def duplicate_line(principal: Any, offer_id: int, line_id: int) -> Offer:
    """Insert a copy of a line right below it; returns the offer changed."""
    original = load_offer(principal, offer_id, "write")
    position = _position(original, line_id)
    offer = _target(principal, offer_id)
    offer.lines.insert(position + 1, copy_line(offer.lines[position],
                                               skip=("offer_id", "position")))
    return _saved(principal, offer)


def _target(principal: Any, offer_id: int) -> Offer:
    """The offer to change: itself when a draft, else a new revision of it."""
    from plugins.offers.services.offers import revise_offer

    offer = locked(load_offer(principal, offer_id, "write"))
    act_as(principal)
    writable(offer)
    return offer if offer.status in EDITABLE else revise_offer(principal, offer.id)


def _position(offer: Offer, line_id: int) -> int:
    for position, line in enumerate(offer.lines):
        if line.id == line_id:
            return position

    raise NotFound(_("The offer has no line %(id)s.", id=line_id))


def _saved(principal: Any, offer: Offer) -> Offer:
    offer.updated_by_id = principal.user_id
    recompute(offer)
    flush()
    return offer
