"""The navigation: menu entries of the enabled plugins, grouped, ordered, filtered per user."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, url_for

from core.kernel import kontora

log = logging.getLogger(__name__)


@dataclass
class MenuEntry:
    label: Any
    url: str
    icon: str | None
    active: bool = False


@dataclass
class MenuGroup:
    title: Any
    entries: list[MenuEntry] = field(default_factory=list)


def menu_entries(app: Flask) -> list[dict[str, Any]]:
    """Every entry the enabled plugins contribute whose endpoint exists, in display order.

    Entries are read once per application; an entry naming an unknown endpoint is logged
    and left out rather than breaking every page.
    """
    cache = app.extensions.setdefault("kontora_web", {})
    if "menu" not in cache:
        entries = []
        for entry in kontora(app).collect("kontora_menu_entries"):
            if entry.get("endpoint") not in app.view_functions:
                log.warning("menu entry %r names an unknown endpoint; left out", entry)
                continue
            entries.append(entry)
        cache["menu"] = sorted(entries, key=lambda e: e.get("order", 100))
    return cache["menu"]


def navigation(app: Flask, principal: Any, path: str) -> list[MenuGroup]:
    """The menu ``principal`` may see, as groups; the entry whose page holds ``path`` is active.

    Ungrouped entries come first; groups follow in the order of their first entry.
    """
    if principal is None:
        return []
    groups: dict[Any, MenuGroup] = {}
    best: MenuEntry | None = None
    for entry in menu_entries(app):
        permission = entry.get("permission")
        if permission and not principal.has(permission):
            continue
        item = MenuEntry(label=entry["label"], url=url_for(entry["endpoint"]),
                         icon=entry.get("icon"))
        group_key = entry.get("group") or ""
        groups.setdefault(str(group_key), MenuGroup(title=group_key or None)).entries.append(item)
        if _holds(item.url, path) and (best is None or len(item.url) > len(best.url)):
            best = item
    if best is not None:
        best.active = True
    return sorted(groups.values(), key=lambda g: g.title is not None)


def _holds(url: str, path: str) -> bool:
    base = url.split("?", 1)[0]
    if base == "/":
        return path == "/"
    return path == base or path.startswith(base.rstrip("/") + "/")
