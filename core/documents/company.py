"""The company header above every document's body (the profile is in :mod:`core.company`)."""

from __future__ import annotations

from markupsafe import Markup

from core.company.models import CompanyProfile
from core.company.profile import company_profile as stored_profile
from core.company.profile import image_html, requisites
from core.documents.memo import once

__all__ = ["company_header", "company_profile"]  # plugins read the profile from here too


def company_profile() -> CompanyProfile:
    """The profile, read once per document render (merge tags ask for it many times)."""
    return once("core.company-profile", stored_profile)


def company_header() -> Markup:
    """The header block at the top of a document: logo, legal name, requisites (escaped)."""
    profile = company_profile()
    lines = requisites(profile)
    if not profile.name and not lines and not profile.logo_type:
        return Markup("")
    parts = [Markup('<header class="k-company">'),
             image_html(profile.logo, profile.logo_type, "k-logo")]
    parts.append(Markup('<div class="k-company-text"><div class="k-company-name">{}</div>'
                        '<div class="k-company-details">{}</div></div></header>').format(
        profile.name, Markup("<br>").join(lines)))
    return Markup("").join(parts)
