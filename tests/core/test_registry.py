"""The plugin registry: manifests, discovery, dependency order and failure messages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from core import registry
from core.registry import Manifest, PluginError, PluginInfo


def info(name: str, *depends: str) -> PluginInfo:
    return PluginInfo(Manifest(name=name, title=name.title(), version="1", depends=depends),
                      f"x.{name}.plugin", f"x.{name}", Path("."), "built-in")


def available(*infos: PluginInfo) -> dict[str, PluginInfo]:
    return {i.name: i for i in infos}


def test_resolve_orders_dependencies_first() -> None:
    avail = available(info("orders", "offers", "parties"), info("offers", "parties"),
                      info("parties"))
    assert [p.name for p in registry.resolve(avail, ["orders", "parties", "offers"])] == [
        "parties", "offers", "orders"]


def test_disabled_dependency_names_both_plugins() -> None:
    avail = available(info("offers", "parties"), info("parties"))
    with pytest.raises(PluginError, match="'offers' depends on 'parties', which is not enabled"):
        registry.resolve(avail, ["offers"])


def test_missing_dependency_is_reported() -> None:
    with pytest.raises(PluginError, match="'offers' depends on 'parties', which is not installed"):
        registry.resolve(available(info("offers", "parties")), ["offers"])


def test_unknown_enabled_name_is_reported() -> None:
    with pytest.raises(PluginError, match="names 'ghost', which is not installed"):
        registry.resolve(available(info("parties")), ["ghost"])


def test_cycle_is_reported_with_its_path() -> None:
    avail = available(info("a", "b"), info("b", "c"), info("c", "a"))
    with pytest.raises(PluginError, match="cycle: a -> b -> c -> a"):
        registry.resolve(avail, ["a", "b", "c"])


def test_two_plugins_with_one_name_stop_loading() -> None:
    sample = registry.plugin_from_module("tests.sample_plugin.plugin")
    with pytest.raises(PluginError, match="two plugins are named 'sample'"):
        registry.load("builtin", [sample, sample])


def test_manifest_is_read_without_importing(tmp_path: Path) -> None:
    plugin_file = tmp_path / "plugin.py"
    plugin_file.write_text(
        "raise SystemExit('imported!')\n"
        "manifest = Manifest(name='ghost', title='Ghost', version='2.0', depends=['parties'])\n"
    )
    manifest = registry.read_manifest(plugin_file)
    assert manifest == Manifest(name="ghost", title="Ghost", version="2.0", depends=("parties",))


def test_manifest_must_be_literal(tmp_path: Path) -> None:
    plugin_file = tmp_path / "plugin.py"
    plugin_file.write_text("manifest = Manifest(name=NAME, title='x', version='1')\n")
    with pytest.raises(PluginError, match="literal keyword arguments"):
        registry.read_manifest(plugin_file)


def test_parse_enabled_expands_builtin() -> None:
    avail = available(info("parties"), info("offers"))
    assert registry.parse_enabled("builtin, sample", avail) == ["offers", "parties", "sample"]
    assert registry.parse_enabled(None, avail) == ["offers", "parties"]


def test_disabled_plugin_is_never_imported(make_app) -> None:
    sys.modules.pop("tests.sample_plugin.plugin", None)
    app = make_app(plugins="builtin")
    assert "tests.sample_plugin.plugin" not in sys.modules
    assert not any(r.rule.startswith("/sample") for r in app.url_map.iter_rules())


def test_enabled_plugin_contributes_its_blueprint(make_app) -> None:
    app = make_app(plugins="sample")
    assert app.test_client().get("/sample/").get_json() == {"notes": 0}


def test_call_in_order_follows_registration_order() -> None:
    from types import SimpleNamespace

    import pluggy

    from core import hookimpl, hookspecs
    from core.kernel import Kontora

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    seen: list[str] = []
    for name in ("parties", "catalog", "offers"):  # registered lower plugins first
        probe = SimpleNamespace(kontora_demo_data=hookimpl(
            lambda session, name=name: seen.append(name)))
        pm.register(probe, name=name)
    pm.hook.kontora_demo_data(session=None)
    assert seen == ["offers", "catalog", "parties"]  # why call_in_order exists
    seen.clear()
    Kontora.call_in_order(SimpleNamespace(pm=pm), "kontora_demo_data", session=None)
    assert seen == ["parties", "catalog", "offers"]
