"""The kernel's own contributions: its tables and the core signals."""

from __future__ import annotations

from typing import Any

from core.hookspecs import hookimpl

CORE_SIGNALS = {
    "core.app-ready": "Sent once when an application is built. Sender: the Flask app. "
    "Keyword arguments: plugins (names of the enabled plugins, in dependency order).",
}


@hookimpl
def kontora_models() -> None:
    import core.identity.models  # noqa: F401


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    for name, doc in CORE_SIGNALS.items():
        events.declare(name, doc)
