"""The merge tags the kernel gives every document kind: the company and the document."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from core.db import utcnow
from core.documents.company import company_profile
from core.i18n import lazy_gettext as _l
from core.kernel import kontora


def _today(_record: Any) -> Any:


    return utcnow().astimezone(ZoneInfo(kontora().settings.timezone)).date()


def kernel_tags() -> list[dict[str, Any]]:
    return [
        {"tag": "company.name", "label": _l("Company name"),
         "value": lambda _record: company_profile().name},
        {"tag": "company.details", "label": _l("Company details (address, registration)"),
         "value": lambda _record: company_profile().details},
        {"tag": "document.date", "label": _l("Today's date (use format_date)"),
         "value": _today},
    ]
