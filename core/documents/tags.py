"""The merge tags the kernel gives every document kind: the company and the document."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from core.company import profile as company
from core.db import utcnow
from core.documents.company import company_profile
from core.i18n import lazy_gettext as _l
from core.kernel import kontora


def _today(_record: Any) -> Any:


    return utcnow().astimezone(ZoneInfo(kontora().settings.timezone)).date()


def _company(read: Any) -> Any:
    """A tag value read from the company profile (one row, cached by the session)."""
    return lambda _record: read(company_profile())


def kernel_tags() -> list[dict[str, Any]]:
    tags = [
        ("company.name", _l("Company name (legal)"), lambda p: p.name),
        ("company.details", _l("Company details: further lines (share capital, licences)"),
         lambda p: p.details),
        ("company.kind", _l("Company kind: legal_entity or sole_trader"), lambda p: p.kind),
        ("company.tax_id", _l("Company tax id (CUI, EIK, INN)"), lambda p: p.tax_id or ""),
        ("company.vat_number", _l("Company VAT number"), lambda p: p.vat_number or ""),
        ("company.vat_payer", _l("Whether the company pays VAT"), lambda p: p.vat_payer),
        ("company.trade_register_no", _l("Company trade register number"),
         lambda p: p.trade_register_no or ""),
        ("company.address", _l("Company registered address on one line"), company.address_line),
        ("company.street", _l("Company street"), lambda p: p.street),
        ("company.city", _l("Company city"), lambda p: p.city),
        ("company.postal_code", _l("Company postal code"), lambda p: p.postal_code or ""),
        ("company.region", _l("Company region"), lambda p: p.region or ""),
        ("company.country", _l("Company country (ISO code)"), lambda p: p.country),
        ("company.email", _l("Company e-mail"), lambda p: p.email or ""),
        ("company.phone", _l("Company phone"), lambda p: p.phone or ""),
        ("company.website", _l("Company website"), lambda p: p.website or ""),
        ("company.bank_accounts", _l("Company bank accounts (a list: bank, iban, bic, currency)"),
         lambda p: [dict(a) for a in p.bank_accounts or []]),
        ("company.requisites", _l("Company requisites, one per line (a list)"),
         company.requisites),
        ("company.logo", _l("Company logo (an image, or empty)"),
         lambda p: company.image_html(p.logo, p.logo_type, "k-logo")),
        ("company.stamp", _l("Signature and stamp (an image, or empty)"), company.stamp_html),
    ]
    return [*({"tag": tag, "label": label, "value": _company(read)}
              for tag, label, read in tags),
            {"tag": "document.date", "label": _l("Today's date (use format_date)"),
             "value": _today}]
