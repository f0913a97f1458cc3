"""The issuing company printed on every document (one row, edited under /admin/documents)."""

from __future__ import annotations

import base64

from markupsafe import Markup

from core.db import session
from core.documents.memo import once
from core.documents.models import CompanyProfile

PROFILE_ID = 1
LOGO_TYPES = {"image/png", "image/jpeg", "image/svg+xml", "image/gif", "image/webp"}


def company_profile() -> CompanyProfile:
    """The profile row, or an empty unsaved one before an admin filled it in (read once per
    document render)."""
    return once("core.company-profile", lambda: session().get(CompanyProfile, PROFILE_ID)
                or CompanyProfile(id=PROFILE_ID, name="", details=""))


def logo_data_uri(profile: CompanyProfile) -> str | None:
    """The logo inline (``data:``), so rendering never fetches a URL or reads a file."""
    if not profile.logo or profile.logo_type not in LOGO_TYPES:
        return None
    return f"data:{profile.logo_type};base64,{base64.b64encode(profile.logo).decode()}"


def company_header() -> Markup:
    """The header block at the top of a document: logo, name, details (escaped)."""
    profile = company_profile()
    if not profile.name and not profile.details and not profile.logo:
        return Markup("")
    logo = logo_data_uri(profile)
    parts = [Markup('<header class="k-company">')]
    if logo:
        parts.append(Markup('<img class="k-logo" alt="" src="{}">').format(logo))
    parts.append(Markup('<div class="k-company-text"><div class="k-company-name">{}</div>'
                        '<div class="k-company-details">{}</div></div></header>').format(
        profile.name, Markup("<br>").join(profile.details.splitlines())))
    return Markup("").join(parts)
