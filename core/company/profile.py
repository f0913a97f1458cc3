"""The installation's own company: its profile row and its requisites as printed.

One row (id 1), edited at /admin/documents/company and ``/api/v1/company``. Every document
gets it as ``company.*`` merge tags and as the header above its body, invoices freeze it as
the seller, the staff layout shows its name. A kernel module below documents, mail and the
web shell, so each of them and every plugin may read it.
"""

from __future__ import annotations

import base64

from markupsafe import Markup

from core.company.models import CompanyProfile
from core.db import session
from core.i18n import country_language
from core.i18n import gettext as _
from core.identifiers import rule_for

PROFILE_ID = 1
IMAGE_TYPES = {"image/png", "image/jpeg", "image/svg+xml", "image/gif", "image/webp"}


def company_profile() -> CompanyProfile:
    """The profile row, or an empty unsaved one before an admin filled it in."""
    return session().get(CompanyProfile, PROFILE_ID) or CompanyProfile(
        id=PROFILE_ID, name="", details="", kind="legal_entity", country="RO", currency="RON",
        street="",
        city="", vat_payer=True, bank_accounts=[])


def company_language() -> str:
    """The language the law of the company's country expects its papers in (RO: ro, BG: bg,
    RU: ru), so a new document is laid out for the seller's country unless a user picks."""
    return country_language(company_profile().country)


def image_data_uri(content: bytes | None, content_type: str | None) -> str | None:
    """An image inline (``data:``), so rendering never fetches a URL or reads a file."""
    if not content or content_type not in IMAGE_TYPES:
        return None
    return f"data:{content_type};base64,{base64.b64encode(content).decode()}"


def address_line(profile: CompanyProfile) -> str:
    """The registered address on one line: street, postal code and city, region, country."""
    city = " ".join(p for p in (profile.postal_code, profile.city) if p)
    if not (profile.street or city):
        return ""
    return ", ".join(p for p in (profile.street, city, profile.region, profile.country) if p)


def identifier_lines(profile: CompanyProfile) -> list[str]:
    """"CUI/CIF: 18547290", "VAT number: RO18547290"... named as the country names them."""
    lines = []
    for field, fallback in (("tax_id", _("Tax id")), ("trade_register_no", _("Trade register")),
                            ("vat_number", _("VAT number"))):
        value = getattr(profile, field)
        if value:
            rule = rule_for(field, profile.country)
            lines.append(f"{rule.name if rule else fallback}: {value}")
    return lines


def bank_lines(profile: CompanyProfile) -> list[str]:
    """One line per bank account: "IBAN RO49AAAA1B31007593840000 · BIC · Bank (RON)"."""
    lines = []
    for account in profile.bank_accounts or []:
        parts = [f"IBAN {account['iban']}", account.get("bic"), account.get("bank")]
        text = " · ".join(p for p in parts if p)
        lines.append(f"{text} ({account['currency']})" if account.get("currency") else text)
    return lines


def contact_line(profile: CompanyProfile) -> str:
    return " · ".join(p for p in (profile.phone, profile.email, profile.website) if p)


def requisites(profile: CompanyProfile) -> list[str]:
    """The seller's requisites as printed under the name, line by line."""
    lines = [" · ".join(identifier_lines(profile)), address_line(profile),
             *bank_lines(profile), contact_line(profile), *profile.details.splitlines()]
    return [line for line in lines if line]


def image_html(content: bytes | None, content_type: str | None, css_class: str) -> Markup:
    """An ``<img>`` of a stored image, inline; empty when there is none."""
    uri = image_data_uri(content, content_type)
    if not uri:
        return Markup("")
    return Markup('<img class="{}" alt="" src="{}">').format(css_class, uri)


def stamp_html(profile: CompanyProfile) -> Markup:
    """The signature/stamp image, for the place the seller signs (empty without one)."""
    return image_html(profile.stamp, profile.stamp_type, "k-stamp")
