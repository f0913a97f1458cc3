"""The dependency rule as import-linter contracts generated from the plugin manifests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from core import import_contracts, registry
from tests.conftest import TEST_PLUGINS, test_plugin_infos

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_committed_contracts_match_the_manifests() -> None:
    expected = import_contracts.render(registry.discover_builtin(), test_plugin_infos())
    committed = (ROOT / ".importlinter").read_text(encoding="utf-8")
    extras = " ".join(f"--extra {m}" for m in TEST_PLUGINS)
    assert committed == expected, (
        f".importlinter is stale: run `make contracts` "
        f"(kontora plugins contracts {extras} -o .importlinter)"
    )


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _manifest(name: str, depends: list[str]) -> str:
    return (f"from core import Manifest\n"
            f"manifest = Manifest(name={name!r}, title={name!r}, version='1', "
            f"depends={depends!r})\n")


def _lint(tree: Path, contracts: str) -> subprocess.CompletedProcess[str]:
    (tree / ".importlinter").write_text(contracts, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=120)


def _project(tree: Path, *, extra_files: dict[str, str],
             builtins: tuple[str, ...] = ("parties", "offers", "invoicing"),
             layers: tuple[str, ...] = ("core.app", "core.web | core.mail", "core.kernel")) -> str:
    """A miniature Kontora tree: a layered kernel, parties <- offers, a test plugin."""
    _write(tree, {
        "core/__init__.py": "",
        "core/hooks.py": "",
        "core/app.py": "import core.web\nimport core.kernel\n",
        "core/web.py": "import core.kernel\n",
        "core/mail.py": "import core.kernel\n",
        "core/kernel.py": "",
        "plugins/__init__.py": "",
        "plugins/parties/__init__.py": "",
        "plugins/parties/plugin.py": _manifest("parties", []),
        "plugins/offers/__init__.py": "",
        "plugins/offers/plugin.py": _manifest("offers", ["parties"]),
        "plugins/offers/models.py": "import core.hooks\nimport plugins.parties.plugin\n",
        "plugins/invoicing/__init__.py": "",
        "plugins/invoicing/plugin.py": _manifest("invoicing", ["parties"]),
        "tests/__init__.py": "",
        "tests/demo_plugin/__init__.py": "",
        "tests/demo_plugin/plugin.py": _manifest("demo", ["parties"]),
        "tests/demo_plugin/models.py": "import plugins.parties.plugin\n",
        **extra_files,
    })
    builtin = [
        registry.PluginInfo(registry.read_manifest(tree / f"plugins/{n}/plugin.py"),
                            f"plugins.{n}.plugin", f"plugins.{n}", tree / f"plugins/{n}",
                            "built-in")
        for n in builtins
    ]
    demo = registry.PluginInfo(registry.read_manifest(tree / "tests/demo_plugin/plugin.py"),
                               "tests.demo_plugin.plugin", "tests.demo_plugin",
                               tree / "tests/demo_plugin", "test")
    return import_contracts.render(builtin, [demo], layers)


def test_generated_contracts_keep_a_tree_that_follows_the_rule(tmp_path: Path) -> None:
    result = _lint(tmp_path, _project(tmp_path, extra_files={}))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 kept, 0 broken" in result.stdout


def test_the_kernel_layers_contract_breaks_on_an_upward_or_sideways_import(
        tmp_path: Path) -> None:
    contracts = _project(tmp_path, extra_files={
        "core/kernel.py": "import core.web\n",  # the bottom reaching up
        "core/mail.py": "import core.web\n",  # an independent sibling
    })
    result = _lint(tmp_path, contracts)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "The kernel's layers: each imports only the layers below it BROKEN" in result.stdout
    assert "core.kernel is not allowed to import core.web" in result.stdout
    assert "core.mail is not allowed to import core.web" in result.stdout


def test_the_kernel_layers_name_every_kernel_package() -> None:
    """A new kernel package must take its place in the layers, or nothing checks it."""
    named = {name.strip() for layer in import_contracts.KERNEL_LAYERS
             for name in layer.replace(":", "|").split("|")}
    core = ROOT / "core"
    packages = {f"core.{p.parent.name}" for p in core.glob("*/__init__.py")}
    modules = {f"core.{p.stem}" for p in core.glob("*.py") if p.stem != "__init__"}
    assert packages | modules <= named, sorted((packages | modules) - named)


def test_generated_contracts_break_on_each_kind_of_forbidden_import(tmp_path: Path) -> None:
    contracts = _project(tmp_path, extra_files={
        # the kernel reaching into a plugin
        "core/hooks.py": "import plugins.parties.plugin\n",
        # a lower plugin importing a higher one instead of asking through a hook
        "plugins/parties/models.py": "import plugins.offers.models\n",
        # a sibling that is not in depends
        "plugins/invoicing/models.py": "from plugins.offers import models\n",
        # a shipped plugin importing test code
        "plugins/offers/views.py": "import tests.demo_plugin.plugin\n",
        # a test plugin importing a built-in outside its depends
        "tests/demo_plugin/views.py": "import plugins.invoicing.plugin\n",
    })
    result = _lint(tmp_path, contracts)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "The kernel (core) imports no plugin BROKEN" in out
    assert "Plugin parties (plugins.parties) imports only core BROKEN" in out
    assert "Plugin invoicing (plugins.invoicing) imports only core, parties BROKEN" in out
    assert "Plugin offers (plugins.offers) imports only core, parties BROKEN" in out
    assert "Plugin demo (tests.demo_plugin) imports only core, parties BROKEN" in out


def test_a_plugin_may_use_a_dependency_of_its_dependency_only_through_it(tmp_path: Path) -> None:
    """Only direct imports count: orders -> offers -> parties keeps orders' contract."""
    contracts = _project(tmp_path, builtins=("parties", "offers", "invoicing", "orders"),
                         extra_files={
                             "plugins/orders/__init__.py": "",
                             "plugins/orders/plugin.py": _manifest("orders", ["offers"]),
                             "plugins/orders/models.py": "import plugins.offers.models\n",
                         })
    result = _lint(tmp_path, contracts)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Plugin orders (plugins.orders) imports only core, offers KEPT" in result.stdout
