"""Conversions: declared actions that turn one document into another (offer -> order).

The plugin owning the target declares a :class:`Conversion` through ``kontora_conversions``
and reads the source only through the document-content protocol
(:mod:`core.conversions.content`). The kernel offers the actions a user may run, runs them
idempotently, and records the link so both documents show their chain.
"""

from core.conversions.content import DocumentContent, DocumentLine, DocumentTotals, read_content
from core.conversions.registry import Conversion, conversions, get_conversion
from core.conversions.services import (
    ChainEntry,
    Converted,
    Offered,
    available_conversions,
    convert,
    document_chain,
)

__all__ = [
    "ChainEntry",
    "Conversion",
    "Converted",
    "DocumentContent",
    "DocumentLine",
    "DocumentTotals",
    "Offered",
    "available_conversions",
    "conversions",
    "convert",
    "document_chain",
    "get_conversion",
    "read_content",
]
