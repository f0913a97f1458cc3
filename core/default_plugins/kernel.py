"""The kernel's own contributions: its tables and the core signals."""

from __future__ import annotations

from core.contents import Contents

CORE_SIGNALS = {
    "core.app-ready": "Sent once when an application is built. Sender: the Flask app. "
    "Keyword arguments: plugins (names of the enabled plugins, in dependency order).",
}

contents = Contents(models=["core.identity.models"], signals=[f"{__name__}:CORE_SIGNALS"])
