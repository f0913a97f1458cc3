"""VAT categories, their legal mentions and the breakdown per category and rate.

Each line's net is rounded to cents first (:func:`core.documents.totals.line_net`); VAT is
then computed once per (category, rate) on the sum of the nets, as EN 16931 (BR-CO-17)
and the Romanian, Bulgarian and Russian invoice rules show it, so rounding never piles
up line by line and the printed breakdown adds up to the totals exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from core.documents.totals import HUNDRED, money
from core.i18n import lazy_gettext as _l

CATEGORIES: dict[str, Any] = {
    "S": _l("Standard rate"),
    "Z": _l("Zero rated"),
    "E": _l("Exempt from VAT"),
    "AE": _l("Reverse charge"),
    "K": _l("Intra-community supply"),
    "O": _l("Not subject to VAT"),
}
"""EN 16931 VAT category codes (UNCL 5305) a line may carry."""

ZERO_RATE = frozenset({"Z", "E", "AE", "K", "O"})
"""Categories whose rate is always 0."""

NEEDS_MENTION = frozenset({"E", "AE", "K", "O"})
"""Categories that must print (and export) the legal ground."""

DEFAULT_MENTIONS: dict[str, dict[str, str]] = {
    "AE": {"ro": "Taxare inversă (art. 331 Cod fiscal)",
           "bg": "Обратно начисляване (чл. 163а ЗДДС)",  # noqa: RUF001 (Bulgarian "a")
           "ru": "Обратное начисление НДС", "en": "Reverse charge"},
    "K": {"ro": "Livrare intracomunitară scutită (art. 294 alin. (2) Cod fiscal)",
          "bg": "Вътреобщностна доставка (чл. 7 ЗДДС)",
          "ru": "Внутрисоюзная поставка", "en": "Intra-community supply"},
    "E": {"ro": "Scutit de TVA (art. 292 Cod fiscal)", "bg": "Освободена доставка (ЗДДС)",
          "ru": "Без НДС (освобождено)", "en": "Exempt from VAT"},
    "O": {"ro": "Neimpozabil", "bg": "Необлагаема доставка", "ru": "Без НДС",
          "en": "Not subject to VAT"},
}
"""The mention printed when a line of such a category gives none of its own."""


def default_mention(category: str, language: str) -> str | None:
    mentions = DEFAULT_MENTIONS.get(category)
    if mentions is None:
        return None
    return mentions.get(language) or mentions["en"]


@dataclass(frozen=True)
class VatGroup:
    """Sums at one (category, rate), with the legal mention when the category needs one."""

    category: str
    rate: Decimal
    net: Decimal
    vat: Decimal
    mention: str | None = None

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


@dataclass(frozen=True)
class Breakdown:
    groups: tuple[VatGroup, ...]

    @property
    def net(self) -> Decimal:
        return sum((g.net for g in self.groups), Decimal("0.00"))

    @property
    def vat(self) -> Decimal:
        return sum((g.vat for g in self.groups), Decimal("0.00"))

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def breakdown(lines: Iterable[Any], language: str = "en") -> Breakdown:
    """Group lines having ``net``, ``vat_rate``, ``vat_category`` and ``exemption_reason``."""
    nets: dict[tuple[str, Decimal], Decimal] = {}
    mentions: dict[tuple[str, Decimal], str | None] = {}
    for line in lines:
        category = getattr(line, "vat_category", None) or "S"
        rate = Decimal(0) if category in ZERO_RATE else Decimal(line.vat_rate).normalize() + 0
        key = (category, rate)
        nets[key] = nets.get(key, Decimal("0.00")) + Decimal(line.net)
        if category in NEEDS_MENTION and not mentions.get(key):
            mentions[key] = getattr(line, "exemption_reason", None) or \
                default_mention(category, language)
    groups = []
    for (category, rate), net in sorted(nets.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        vat = money(net * rate / HUNDRED) if category == "S" else Decimal("0.00")
        groups.append(VatGroup(category, rate, money(net), vat, mentions.get((category, rate))))
    return Breakdown(tuple(groups))
