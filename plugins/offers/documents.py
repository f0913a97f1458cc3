"""The offer as a document: its kinds of template, the HTML, the PDF renditions.

Two default templates per language: ``offer.<lang>.html`` for the table format
(Template II) and ``offer_text.<lang>.html`` for free text (Template I), whose body the
salesperson writes with merge tags. An offer is printed in its own ``language``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.documents.rendering import render_html
from core.i18n import lazy_gettext as _l

KIND = "offers.offer"
FOLDER = Path(__file__).parent / "documents"
TEMPLATE_NAMES = {"table": None, "text": "text"}
"""The document template each offer format renders with (``None``: the kind's default)."""


def document_kinds() -> list[dict[str, Any]]:
    return [
        {"kind": KIND, "label": _l("Offer (table)"), "templates_dir": str(FOLDER),
         "file": "offer", "language": _language},
        {"kind": KIND, "label": _l("Offer (free text)"), "templates_dir": str(FOLDER),
         "name": "text", "file": "offer_text", "language": _language},
    ]


def _language(offer: Any) -> str | None:
    return getattr(offer, "language", None)


def offer_html(offer: Any) -> str:
    """The whole HTML document of the offer, as its format's template renders it."""

    return render_html(KIND, offer, template=TEMPLATE_NAMES[offer.format])
