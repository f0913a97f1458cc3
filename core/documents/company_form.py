"""Reading the company-profile form: plain fields and the repeated bank-account rows."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

PLAIN_FIELDS = ("name", "kind", "country", "currency", "tax_id", "vat_number", "trade_register_no",
                "street", "postal_code", "city", "region", "email", "phone", "website",
                "details")
OPTIONAL = {"tax_id", "vat_number", "trade_register_no", "postal_code", "region", "email",
            "phone", "website"}
ACCOUNT_FIELDS = ("bank", "iban", "bic", "currency")
_ACCOUNT = re.compile(r"^bank_accounts-(\d{1,2})-(bank|iban|bic|currency)$")


def company_form_data(form: Mapping[str, str]) -> dict[str, Any]:
    """The form as :class:`CompanyProfileSchema` input; blank optional fields become None and
    blank bank-account rows are dropped."""
    data: dict[str, Any] = {}
    for field in PLAIN_FIELDS:
        value = (form.get(field) or "").strip()
        data[field] = (value or None) if field in OPTIONAL else value
    data["country"], data["currency"] = data["country"].upper(), data["currency"].upper()
    data["vat_payer"] = form.get("vat_payer") == "on"
    rows: dict[int, dict[str, str]] = {}
    for key, value in form.items():
        match = _ACCOUNT.match(key)
        if match:
            rows.setdefault(int(match[1]), {})[match[2]] = value.strip()
    data["bank_accounts"] = [
        {field: rows[n].get(field, "") for field in ACCOUNT_FIELDS}
        for n in sorted(rows) if any(rows[n].values())]
    for account in data["bank_accounts"]:
        account["currency"] = account["currency"].upper()
    return data
