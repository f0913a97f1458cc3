"""Contents declared as data: what the kernel registers from a plugin's ``contents``."""

from __future__ import annotations

import re

import pluggy
import pytest
from flask import Blueprint

from core import hookspecs, registry
from core.contents import Contents, ContentsPlugin, resolve
from core.errors import PluginError
from core.kernel import Kontora

bp = Blueprint("contents_probe", __name__)
SIGNALS = {"probe.happened": "Sent when the probe happened. Sender: None."}
calls: list[str] = []


def make_kinds() -> list[str]:
    """A factory: referenced functions in list fields are called for their items."""
    return ["probe.kind-a", "probe.kind-b"]


def add_demo(sess: object) -> None:
    calls.append(f"demo:{sess}")


def job() -> None:
    """A job callable: referenced as a job it is returned, never called."""
    calls.append("job")


HERE = __name__


def manager(**contents: object) -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(ContentsPlugin("probe", Contents(**contents)), name="probe:contents")
    return pm


def collect(pm: pluggy.PluginManager, hook: str, **kwargs: object) -> list:
    out: list = []
    for result in getattr(pm.hook, hook)(**kwargs):
        out.extend(result)
    return out


def test_references_resolve_to_objects_and_factories_are_called() -> None:
    pm = manager(blueprints=[f"{HERE}:bp"], record_kinds=[f"{HERE}:make_kinds"])
    assert collect(pm, "kontora_blueprints") == [bp]
    assert collect(pm, "kontora_record_kinds") == ["probe.kind-a", "probe.kind-b"]


def test_jobs_are_returned_not_called() -> None:
    calls.clear()
    pm = manager(jobs={"probe.run": f"{HERE}:job"})
    assert pm.hook.kontora_jobs() == [{"probe.run": job}]
    assert calls == []


def test_role_patterns_expand_to_the_plugins_own_permissions() -> None:
    pm = manager(permissions=[("probe.read", "Read"), ("probe.write", "Write"),
                              ("probe.admin", "Admin")],
                 roles={"manager": ["probe.*"], "clerk": ["probe.read", "core.mail.read"]})
    [roles] = pm.hook.kontora_default_roles()
    assert roles == {"manager": ["probe.read", "probe.write", "probe.admin"],
                     "clerk": ["probe.read", "core.mail.read"]}


def test_signals_are_declared_and_receivers_connected() -> None:
    declared: dict[str, str] = {}
    connected: list[tuple[str, object]] = []

    class Events:
        def declare(self, name: str, doc: str) -> None:
            declared[name] = doc

        def connect(self, name: str, receiver: object) -> None:
            connected.append((name, receiver))

    pm = manager(signals=[f"{HERE}:SIGNALS"], receivers=[("probe.happened", f"{HERE}:job")])
    pm.hook.kontora_declare_signals(events=Events())
    pm.hook.kontora_signal_receivers(events=Events())
    assert declared == SIGNALS
    assert connected == [("probe.happened", job)]


def test_demo_data_runs_in_registration_order_with_the_session() -> None:
    calls.clear()
    pm = manager(demo_data=[f"{HERE}:add_demo"])
    Kontora.call_in_order(type("K", (), {"pm": pm})(), "kontora_demo_data", session="S")
    assert calls == ["demo:S"]


def test_a_reference_that_cannot_be_found_names_the_plugin() -> None:
    with pytest.raises(PluginError, match=re.escape("plugin 'probe' names 'nowhere.at_all:bp'")):
        resolve("nowhere.at_all:bp", "probe")
    with pytest.raises(PluginError, match=re.escape(f"'{HERE}:missing'")):
        collect(manager(blueprints=[f"{HERE}:missing"]), "kontora_blueprints")


def test_every_builtin_plugin_declares_its_lists_as_contents() -> None:
    """plugin.py holds only what is particular: no hook returns what Contents declares."""

    declared = {"kontora_models", "kontora_record_kinds", "kontora_declare_signals",
                "kontora_signal_receivers", "kontora_permissions", "kontora_default_roles",
                "kontora_blueprints", "kontora_api_blueprints", "kontora_menu_entries",
                "kontora_number_series", "kontora_link_purposes", "kontora_document_kinds",
                "kontora_conversions", "kontora_jobs", "kontora_periodic_jobs",
                "kontora_cli_commands"}
    for info in registry.discover_builtin():
        source = info.path.joinpath("plugin.py").read_text(encoding="utf-8")
        assert "contents = Contents(" in source, info.name
        hooks = {line.split("(")[0][4:] for line in source.splitlines()
                 if line.startswith("def kontora_")}
        assert not hooks & declared, (info.name, hooks & declared)
