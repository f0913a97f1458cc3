"""The staff home page's cards: each plugin's figures for the day (``kontora_home_cards``)."""

from __future__ import annotations

from typing import Any

from core.kernel import kontora


def home_cards(principal: Any) -> list[dict[str, Any]]:
    """Every plugin's cards for ``principal``, in their declared order (one hook call)."""
    cards = kontora().collect("kontora_home_cards", principal=principal)
    return sorted(cards, key=lambda card: (card.get("order", 100), card["key"]))
