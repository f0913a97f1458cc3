"""Conversion actions: declared by plugins, collected once per application."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app

from core.conversions.content import DocumentContent
from core.kernel import kontora
from core.registry import PluginError

_EXTENSION = "kontora.conversions"


@dataclass(frozen=True)
class Conversion:
    """The action ``source`` kind -> ``target`` kind (``"offers.offer"`` -> ``"orders.order"``).

    Declared by the plugin owning the target through ``kontora_conversions``. ``run(principal,
    content)`` receives the source's :class:`DocumentContent` and creates the target inside
    the caller's unit of work, returning the new record (anything with an ``id``). Unless
    ``allow_repeat``, converting a record that already has a target of this kind returns that
    target instead of making another.
    """

    source: str
    target: str
    label: Any  # text or a lazy translation
    permission: str
    run: Callable[[Any, DocumentContent], Any]
    allow_repeat: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return self.source, self.target


def build_registry(app: Any) -> dict[tuple[str, str], Conversion]:
    """Collect every declared conversion whose source and target kinds are enabled."""

    k = kontora(app)
    found: dict[tuple[str, str], Conversion] = {}
    for conversion in k.collect("kontora_conversions"):
        if not isinstance(conversion, Conversion):
            raise PluginError(f"kontora_conversions returned {conversion!r}, not a Conversion")
        if conversion.source not in k.kinds or conversion.target not in k.kinds:
            continue  # the plugin providing one end is disabled: the action is not offered
        if conversion.key in found:
            raise PluginError(
                f"two conversions from {conversion.source!r} to {conversion.target!r}")
        found[conversion.key] = conversion
    app.extensions[_EXTENSION] = found
    return found


def conversions(app: Any = None) -> dict[tuple[str, str], Conversion]:
    """The conversions of ``app`` (default: the current one), by ``(source, target)``."""

    app = app or current_app._get_current_object()
    found = app.extensions.get(_EXTENSION)
    return found if found is not None else build_registry(app)


def conversions_from(kind: str) -> list[Conversion]:
    """The actions that start from ``kind``, in declaration order."""
    return [c for c in conversions().values() if c.source == kind]


def get_conversion(source: str, target: str) -> Conversion | None:
    return conversions().get((source, target))
