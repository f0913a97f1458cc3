"""Badges other plugins put on the rows of a list page ("no next step", say)."""

from __future__ import annotations

from typing import Any

from core.kernel import kontora


def list_badges(kind: str, record_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Every plugin's badges for one page of ``kind`` (one hook call per page), by record id."""
    found: dict[int, list[dict[str, Any]]] = {}
    if record_ids:
        for badge in kontora().collect("kontora_list_badges", kind=kind, record_ids=record_ids):
            found.setdefault(badge["record_id"], []).append(badge)
    return found
