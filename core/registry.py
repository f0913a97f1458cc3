"""Plugin registry: manifests, discovery, dependency order and the pluggy manager.

Manifests are read from ``plugin.py`` without importing it (the way Odoo reads
``__manifest__.py``), so listing the installed plugins never imports a disabled one.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

import pluggy

from core import hookspecs
from core.contents import Contents, ContentsPlugin
from core.errors import PluginError

ENTRY_POINT_GROUP = "kontora.plugins"
BUILTIN_PACKAGE = "plugins"
BUILTIN_TOKEN = "builtin"


@dataclass(frozen=True)
class Manifest:
    """What a plugin declares about itself in ``plugin.py``."""

    name: str
    title: str
    version: str
    depends: tuple[str, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "depends", tuple(self.depends))
        if not self.name.isidentifier():
            raise PluginError(f"plugin name {self.name!r} is not a Python identifier")


@dataclass(frozen=True)
class PluginInfo:
    """A discovered plugin: its manifest and where its code lives."""

    manifest: Manifest
    module: str  # dotted path of the module holding the hook implementations
    package: str  # dotted path of the package that owns its models, templates, migrations
    path: Path  # folder of ``package``
    origin: str  # "built-in" or "entry point (<distribution>)"

    @property
    def name(self) -> str:
        return self.manifest.name

    @property
    def builtin(self) -> bool:
        return self.origin == "built-in"


@dataclass
class PluginSet:
    """All discovered plugins and the enabled ones in dependency order."""

    available: dict[str, PluginInfo]
    enabled: list[PluginInfo] = field(default_factory=list)

    def is_enabled(self, name: str) -> bool:
        return any(p.name == name for p in self.enabled)

    def owner_of(self, module: str) -> PluginInfo | None:
        """The enabled plugin whose package holds ``module`` (for table ownership)."""
        for info in self.enabled:
            if module == info.package or module.startswith(info.package + "."):
                return info
        return None


def read_manifest(plugin_file: Path) -> Manifest:
    """Read ``manifest = Manifest(...)`` from ``plugin_file`` without executing it."""
    try:
        tree = ast.parse(plugin_file.read_text(encoding="utf-8"), str(plugin_file))
    except (OSError, SyntaxError) as exc:
        raise PluginError(f"cannot read plugin manifest in {plugin_file}: {exc}") from exc
    for node in tree.body:
        if (
            isinstance(node, ast.Assign | ast.AnnAssign)
            and isinstance(node.value, ast.Call)
            and _target_name(node) == "manifest"
        ):
            try:
                kwargs = {kw.arg: ast.literal_eval(kw.value) for kw in node.value.keywords}
                return Manifest(**kwargs)  # type: ignore[arg-type]
            except (ValueError, TypeError) as exc:
                raise PluginError(
                    f"manifest in {plugin_file} must use literal keyword arguments: {exc}"
                ) from exc
    raise PluginError(f"{plugin_file} declares no `manifest = Manifest(...)`")


def _target_name(node: ast.Assign | ast.AnnAssign) -> str | None:
    target = node.targets[0] if isinstance(node, ast.Assign) else node.target
    return target.id if isinstance(target, ast.Name) else None


def _module_file(dotted: str) -> Path:
    """Locate the source file of ``dotted`` importing nothing but its top-level package spec."""
    top, *rest = dotted.split(".")
    spec = importlib.util.find_spec(top)
    if spec is None:
        raise PluginError(f"module {dotted!r} is not installed")
    if not rest:
        if spec.origin is None:
            raise PluginError(f"module {dotted!r} has no source file")
        return Path(spec.origin)
    if not spec.submodule_search_locations:
        raise PluginError(f"{top!r} is not a package, so {dotted!r} cannot be found")
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*rest[:-1])
    for candidate in (base / f"{rest[-1]}.py", base / rest[-1] / "__init__.py"):
        if candidate.is_file():
            return candidate
    raise PluginError(f"module {dotted!r} not found under {base}")


def discover_builtin() -> list[PluginInfo]:
    """Built-in plugins: every ``plugins/<name>/plugin.py`` shipped with Kontora."""
    spec = importlib.util.find_spec(BUILTIN_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return []
    found = []
    for root in spec.submodule_search_locations:
        for plugin_file in sorted(Path(root).glob("*/plugin.py")):
            folder = plugin_file.parent
            package = f"{BUILTIN_PACKAGE}.{folder.name}"
            found.append(
                PluginInfo(read_manifest(plugin_file), f"{package}.plugin", package, folder,
                           "built-in")
            )
    return found


def discover_entry_points() -> list[PluginInfo]:
    """Partner plugins: installed packages that declare the ``kontora.plugins`` entry point."""
    found = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        module = ep.value.split(":", 1)[0].strip()
        plugin_file = _module_file(module)
        package = module.rpartition(".")[0] or module
        dist = ep.dist.name if ep.dist else "unknown distribution"
        info = PluginInfo(read_manifest(plugin_file), module, package, plugin_file.parent,
                          f"entry point ({dist})")
        if info.name != ep.name:
            raise PluginError(
                f"entry point {ep.name!r} of {dist} points to a plugin named {info.name!r}"
            )
        found.append(info)
    return found


def discover() -> dict[str, PluginInfo]:
    """Every installed plugin by name; two plugins with one name stop start-up."""
    available: dict[str, PluginInfo] = {}
    for info in [*discover_builtin(), *discover_entry_points()]:
        if info.name in available:
            other = available[info.name]
            raise PluginError(
                f"two plugins are named {info.name!r}: {other.module} ({other.origin}) "
                f"and {info.module} ({info.origin})"
            )
        available[info.name] = info
    return available


def parse_enabled(value: str | Sequence[str] | None, available: dict[str, PluginInfo]) -> list[str]:
    """Turn ``KONTORA_PLUGINS`` into names; ``builtin`` (the default) stands for every built-in."""
    if value is None:
        value = BUILTIN_TOKEN
    tokens = value.split(",") if isinstance(value, str) else list(value)
    names: list[str] = []
    for token in (t.strip() for t in tokens):
        if not token:
            continue
        expanded = (
            sorted(n for n, p in available.items() if p.builtin) if token == BUILTIN_TOKEN
            else [token]
        )
        names.extend(n for n in expanded if n not in names)
    return names


def resolve(available: dict[str, PluginInfo], enabled: Iterable[str]) -> list[PluginInfo]:
    """Order ``enabled`` so every plugin follows its dependencies; explain what cannot start."""
    wanted = list(dict.fromkeys(enabled))
    problems = []
    for name in wanted:
        if name not in available:
            problems.append(f"KONTORA_PLUGINS names {name!r}, which is not installed")
            continue
        for dep in available[name].manifest.depends:
            if dep not in available:
                problems.append(f"plugin {name!r} depends on {dep!r}, which is not installed")
            elif dep not in wanted:
                problems.append(
                    f"plugin {name!r} depends on {dep!r}, which is not enabled "
                    f"(add {dep!r} to KONTORA_PLUGINS or disable {name!r})"
                )
    if problems:
        raise PluginError("; ".join(problems))

    ordered: list[PluginInfo] = []
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            cycle = [*path[path.index(name):], name]
            raise PluginError("plugin dependency cycle: " + " -> ".join(cycle))
        state[name] = "visiting"
        for dep in sorted(available[name].manifest.depends):
            visit(dep, [*path, name])
        state[name] = "done"
        ordered.append(available[name])

    for name in sorted(wanted):
        visit(name, [])
    return ordered


def plugin_from_module(module: str, origin: str = "test") -> PluginInfo:
    """Describe the plugin whose hooks live in ``module`` (for tests and embedding)."""
    plugin_file = _module_file(module)
    package = module.rpartition(".")[0] or module
    return PluginInfo(read_manifest(plugin_file), module, package, plugin_file.parent, origin)


def load(enabled: str | Sequence[str] | None, extra: Sequence[PluginInfo] = ()) -> PluginSet:
    """Discover installed plugins plus ``extra`` and resolve the enabled set (nothing imported)."""
    available = discover()
    for info in extra:
        if info.name in available:
            raise PluginError(f"two plugins are named {info.name!r}: {available[info.name].module} "
                              f"and {info.module}")
        available[info.name] = info
    return PluginSet(available, resolve(available, parse_enabled(enabled, available)))


def build_manager(plugins: PluginSet, defaults: Sequence[ModuleType] = ()) -> pluggy.PluginManager:
    """A fresh plugin manager: specs, kernel default plugins, then enabled plugins in order."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for module in defaults:
        _register(pm, module, f"core:{module.__name__}")
    for info in plugins.enabled:
        _register(pm, importlib.import_module(info.module), info.name)
    pm.check_pending()
    return pm


def _register(pm: pluggy.PluginManager, module: ModuleType, name: str) -> None:
    """Register a plugin's declared ``contents`` (if any), then its hook implementations."""
    contents = getattr(module, "contents", None)
    if isinstance(contents, Contents):
        pm.register(ContentsPlugin(name, contents), name=f"{name}:contents")
    pm.register(module, name=name)


def ordered_results(pm: pluggy.PluginManager, hook_name: str, **kwargs: object) -> list:
    """Call a collecting hook and return results in dependency order (pluggy calls LIFO)."""
    results = getattr(pm.hook, hook_name)(**kwargs)
    return list(reversed(results))
