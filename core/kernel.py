"""The per-application kernel object and its accessor: the bottom of the kernel's layers.

Every service finds the application's settings, plugins, hooks, database and signals
through :func:`kontora`. This module imports nothing above the bottom layer (settings,
registry, database, events, kinds), so any kernel or plugin module can import it at the
top of its file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pluggy
from flask import Flask, current_app

from core import registry
from core.config import Settings
from core.db import Database
from core.events import Events
from core.kinds import KindRegistry


@dataclass
class Kontora:
    """Everything one application knows: settings, plugins, hooks, database, signals."""

    settings: Settings
    plugins: registry.PluginSet
    pm: pluggy.PluginManager
    db: Database
    events: Events
    kinds: KindRegistry = field(default_factory=lambda: KindRegistry([]))
    jobs: dict[str, Any] = field(default_factory=dict)

    def collect(self, hook_name: str, **kwargs: Any) -> list:
        """Results of a collecting hook, flattened, in dependency order (kernel first)."""
        out: list = []
        for result in registry.ordered_results(self.pm, hook_name, **kwargs):
            if result is None:
                continue
            out.extend(result if isinstance(result, list | tuple) else [result])
        return out

    def call_in_order(self, hook_name: str, **kwargs: Any) -> None:
        """Call every implementation of a hook in dependency order (pluggy calls LIFO).

        For hooks whose effects build on each other: demo data, reference data.
        """
        for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
            impl.function(**{name: kwargs[name] for name in impl.argnames})

    def collect_dict(self, hook_name: str, **kwargs: Any) -> dict:
        """Results of a hook returning dicts, merged; a key given twice is an error."""
        merged: dict = {}
        for result in registry.ordered_results(self.pm, hook_name, **kwargs):
            for key, value in (result or {}).items():
                if key in merged:
                    raise registry.PluginError(f"{hook_name}: {key!r} is contributed twice")
                merged[key] = value
        return merged


def kontora(app: Flask | None = None) -> Kontora:
    """The kernel object of ``app`` (default: the current Flask app)."""
    return (app or current_app).extensions["kontora"]
