"""The seller's requisites: one row (``id`` 1) beside the kernel's company profile.

The kernel's profile keeps the name, free text and logo printed on every document; an
invoice and its e-invoice need the parts one by one (VAT identifier, register number,
address with its ISO 3166-2 subdivision, bank account), which this row holds. An issued
invoice keeps its own snapshot, so saving here never changes one.
"""

from __future__ import annotations

from typing import Any

from core.services import service, validate
from plugins.invoicing.models import SellerProfile
from plugins.invoicing.schemas import SellerSchema
from plugins.invoicing.services.common import flush, seller_profile


@service("invoicing.configure")
def save_seller(principal: Any, data: Any) -> SellerProfile:
    """Save the seller's requisites used by the invoices issued from now on."""
    values = validate(SellerSchema(), data)
    values["country"], values["currency"] = values["country"].upper(), values["currency"].upper()
    if values.get("iban"):
        values["iban"] = values["iban"].replace(" ", "").upper()
    profile = seller_profile()
    for key, value in values.items():
        setattr(profile, key, value)
    flush()
    return profile
