"""The document-content protocol: a neutral description of any business document.

A conversion reads its source only through this description, which the plugin owning the
source kind gives by answering ``kontora_document_content(kind=..., record_id=...)``. So the
target never imports the source, and a partner's document converts like a built-in one.

Amounts are ``Decimal``; ``discount`` and ``vat_rate`` are percentages (``Decimal("19")``
for 19 %); a line's ``net`` is ``quantity * unit_price`` less the discount, before VAT.
"""

from decimal import Decimal
from typing import Any, NotRequired, TypedDict

from core.errors import NotFound
from core.i18n import gettext as _
from core.kernel import kontora


class DocumentLine(TypedDict):
    """One line of a document."""

    product_id: int | None  # the catalogue product, when the line sells one
    description: str
    quantity: Decimal
    unit: str | None  # "pcs", "h", "kg" ...
    unit_price: Decimal
    discount: Decimal  # percent
    vat_rate: Decimal  # percent
    net: Decimal  # after discount, before VAT


class DocumentTotals(TypedDict):
    """The document's totals in its currency."""

    net: Decimal
    vat: Decimal
    gross: Decimal


class DocumentContent(TypedDict):
    """What a document says, without saying which plugin holds it."""

    kind: str  # the record kind described, e.g. "offers.offer"
    record_id: int
    party_id: int | None  # the client (a ``parties`` record id)
    contact_id: NotRequired[int | None]  # the client's contact person it is addressed to
    currency: str  # ISO 4217 code
    reference: str  # the number or title people know it by
    lines: list[DocumentLine]
    totals: DocumentTotals
    notes: NotRequired[str]  # free text to carry over
    extra: NotRequired[dict[str, Any]]  # anything else, keyed "<plugin>.<name>"


_CONTENT_KEYS = set(DocumentContent.__required_keys__)
_LINE_KEYS = set(DocumentLine.__required_keys__)
_TOTAL_KEYS = set(DocumentTotals.__required_keys__)


def read_content(kind: str, record_id: int) -> DocumentContent:
    """Ask the plugin that owns ``kind`` to describe ``record_id``; check the answer's shape.

    Raises ``NotFound`` when no enabled plugin describes it. A malformed answer is a bug in
    that plugin and raises ``TypeError`` naming the missing keys.
    """

    content = kontora().pm.hook.kontora_document_content(kind=kind, record_id=record_id)
    if content is None:
        raise NotFound(_("No enabled plugin describes %(kind)s #%(id)s.", kind=kind, id=record_id))
    check_content(content)
    return content


def check_content(content: Any) -> None:
    """Raise ``TypeError`` when ``content`` lacks a key of the protocol."""
    if not isinstance(content, dict):
        raise TypeError(f"document content must be a dict, not {type(content).__name__}")
    _require(content, _CONTENT_KEYS, "document content")
    _require(content["totals"], _TOTAL_KEYS, "document totals")
    for number, line in enumerate(content["lines"]):
        _require(line, _LINE_KEYS, f"document line {number}")


def _require(data: Any, keys: set[str], what: str) -> None:
    missing = keys - set(data) if isinstance(data, dict) else keys
    if missing:
        raise TypeError(f"{what} lacks {', '.join(sorted(missing))}")
