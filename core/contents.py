"""What a plugin brings that is only a list, declared as data beside its manifest.

An Odoo manifest lists a module's data files; a Kontora plugin lists its models, record
kinds, signals, permissions, roles, blueprints, menu entries, number series, conversions,
jobs and commands in one :class:`Contents` value in ``plugin.py``, and the kernel registers
them. Hooks stay for behaviour: answering a question at run time, reacting, contributing
computed sections.

Code is named by reference, ``"package.module:attribute"``, and imported only when the
application is built, so ``plugin.py`` stays cheap to import and a disabled plugin's code is
never loaded. A reference to a plain function in a list field is called without arguments
and gives an item or a list of items (for declarations that need the application's
language or settings); any other referenced value is the item or list itself.
"""

from __future__ import annotations

import fnmatch
import importlib
import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.errors import PluginError
from core.hookspecs import hookimpl


@dataclass(frozen=True)
class Contents:
    """A plugin's declared contributions; every field is optional.

    ``models``: modules whose import registers the plugin's tables. ``signals``: references
    to ``{name: docstring}`` dicts the plugin announces. ``receivers``: ``(signal name,
    reference to a function)`` pairs. ``permissions``: ``(code, label)`` pairs. ``roles``:
    default role name -> permission codes, where ``"leads.*"`` stands for every permission
    of this plugin starting with ``leads.``. ``menu``: menu entry dicts (see
    ``kontora_menu_entries``). ``link_purposes``: purpose -> public endpoint. ``jobs``: job name ->
    function or reference to one; both may instead be a reference to such a mapping.
    ``after_upgrade`` and ``demo_data``: references to functions taking the session.
    The other fields are lists of items or references, as the hook of the same name returns.
    """

    models: Sequence[str] = ()
    record_kinds: Sequence[Any] = ()
    signals: Sequence[Any] = ()
    receivers: Sequence[tuple[str, str]] = ()
    permissions: Sequence[tuple[str, Any]] = ()
    roles: Mapping[str, Sequence[str]] = field(default_factory=dict)
    blueprints: Sequence[Any] = ()
    api_blueprints: Sequence[Any] = ()
    menu: Sequence[Mapping[str, Any]] = ()
    number_series: Sequence[Any] = ()
    link_purposes: Mapping[str, str] | str = field(default_factory=dict)
    document_kinds: Sequence[Any] = ()
    conversions: Sequence[Any] = ()
    search_providers: Sequence[Any] = ()
    jobs: Mapping[str, Any] | str = field(default_factory=dict)
    periodic_jobs: Sequence[Any] = ()
    cli_commands: Sequence[Any] = ()
    after_upgrade: Sequence[str] = ()
    demo_data: Sequence[str] = ()


def resolve(reference: str, owner: str) -> Any:
    """The object a ``"module:attribute"`` reference names; a clear error naming ``owner``."""
    module_name, _, attribute = reference.partition(":")
    try:
        value: Any = importlib.import_module(module_name)
        for part in filter(None, attribute.split(".")):
            value = getattr(value, part)
    except (ImportError, AttributeError) as exc:
        raise PluginError(f"plugin {owner!r} names {reference!r}, which cannot be found: "
                          f"{exc}") from exc
    return value


class ContentsPlugin:
    """Registers one plugin's :class:`Contents` on the kernel's hooks.

    The plugin manager holds it beside the plugin's own module, under the plugin's name with
    ``:contents`` appended, so the declared contributions come in the plugin's dependency
    order like those of its hooks.
    """

    def __init__(self, owner: str, contents: Contents) -> None:
        self.owner = owner
        self.contents = contents

    def _items(self, declared: Iterable[Any]) -> list[Any]:
        out: list[Any] = []
        for item in declared:
            value = resolve(item, self.owner) if isinstance(item, str) else item
            if isinstance(item, str) and inspect.isfunction(value):
                value = value()
            out.extend(value if isinstance(value, list | tuple) else [value])
        return out

    def _mapping(self, declared: Mapping[str, Any] | str) -> dict[str, Any]:
        value = resolve(declared, self.owner) if isinstance(declared, str) else declared
        if inspect.isfunction(value):
            value = value()
        return dict(value)

    def _callables(self, declared: Mapping[str, Any] | str) -> dict[str, Any]:
        """A mapping whose values may be references to functions (jobs)."""
        return {name: resolve(value, self.owner) if isinstance(value, str) else value
                for name, value in self._mapping(declared).items()}

    def _call_each(self, references: Sequence[str], session: Any) -> None:
        """Call each referenced function with the session as its one positional argument."""
        for reference in references:
            function: Callable[..., Any] = resolve(reference, self.owner)
            function(session)

    @hookimpl
    def kontora_models(self) -> None:
        for module in self.contents.models:
            resolve(module, self.owner)

    @hookimpl
    def kontora_record_kinds(self) -> list[Any]:
        return self._items(self.contents.record_kinds)

    @hookimpl
    def kontora_declare_signals(self, events: Any) -> None:
        for signals in self._items(self.contents.signals):
            for name, doc in signals.items():
                events.declare(name, doc)

    @hookimpl
    def kontora_signal_receivers(self, events: Any) -> None:
        for signal, reference in self.contents.receivers:
            events.connect(signal, resolve(reference, self.owner))

    @hookimpl
    def kontora_permissions(self) -> list[tuple[str, Any]]:
        return list(self.contents.permissions)

    @hookimpl
    def kontora_default_roles(self) -> dict[str, list[str]]:
        codes = [code for code, _label in self.contents.permissions]
        roles: dict[str, list[str]] = {}
        for role, patterns in self.contents.roles.items():
            granted: list[str] = []
            for pattern in patterns:
                matches = fnmatch.filter(codes, pattern) if "*" in pattern else [pattern]
                granted.extend(code for code in matches if code not in granted)
            roles[role] = granted
        return roles

    @hookimpl
    def kontora_blueprints(self) -> list[Any]:
        return self._items(self.contents.blueprints)

    @hookimpl
    def kontora_api_blueprints(self) -> list[Any]:
        return self._items(self.contents.api_blueprints)

    @hookimpl
    def kontora_menu_entries(self) -> list[dict[str, Any]]:
        return [dict(entry) for entry in self.contents.menu]

    @hookimpl
    def kontora_number_series(self) -> list[dict[str, Any]]:
        return [dict(series) for series in self._items(self.contents.number_series)]

    @hookimpl
    def kontora_link_purposes(self) -> dict[str, str]:
        return self._mapping(self.contents.link_purposes)

    @hookimpl
    def kontora_document_kinds(self) -> list[dict[str, Any]]:
        return self._items(self.contents.document_kinds)

    @hookimpl
    def kontora_conversions(self) -> list[Any]:
        return self._items(self.contents.conversions)

    @hookimpl
    def kontora_search_providers(self) -> list[Any]:
        return self._items(self.contents.search_providers)

    @hookimpl
    def kontora_jobs(self) -> dict[str, Any]:
        return self._callables(self.contents.jobs)

    @hookimpl
    def kontora_periodic_jobs(self) -> list[Any]:
        return self._items(self.contents.periodic_jobs)

    @hookimpl
    def kontora_cli_commands(self) -> list[Any]:
        return self._items(self.contents.cli_commands)

    @hookimpl
    def kontora_after_upgrade(self, session: Any) -> None:
        self._call_each(self.contents.after_upgrade, session)

    @hookimpl
    def kontora_demo_data(self, session: Any) -> None:
        self._call_each(self.contents.demo_data, session)
