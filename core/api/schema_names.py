"""Names of the OpenAPI document's schemas: short, and never two alike.

apispec names a schema after its class (``LineSchema`` -> ``Line``), so the lines of offers,
orders and invoices would collide; it then renames one ``Line1`` with a warning, and which
one depends on the order routes were read. Here every schema is first registered under its
full dotted path (``plugins.offers.schemas.Line``, never ambiguous), then the finished
document is given short names: the class's own where only one class has it, else prefixed
with its plugin (``OffersLine``), else with its whole module path. The same plugins always
give the same names, whichever order the routes come in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from apispec.ext.marshmallow.common import resolve_schema_cls
from marshmallow import Schema

_REF = "#/components/schemas/"
_PACKAGES = ("plugins", "core", "tests")
"""Module roots that are containers, not owners: ``plugins.offers`` belongs to ``offers``."""


def qualified_name(schema: type[Schema] | Schema) -> str:
    """apispec's name resolver: the schema's module and class name, ``Schema`` dropped."""
    resolved = resolve_schema_cls(schema)
    cls = resolved[0] if isinstance(resolved, list) else resolved
    name = cls.__name__.removesuffix("Schema") or cls.__name__
    return f"{cls.__module__}.{name}"


def shorten(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with each qualified schema name replaced by its shortest unique form."""
    schemas = document.get("components", {}).get("schemas", {})
    names = _short_names(list(schemas))
    document["components"]["schemas"] = {names.get(key, key): value
                                         for key, value in sorted(
                                             schemas.items(),
                                             key=lambda item: names.get(item[0], item[0]))}
    return _rename_refs(document, {_REF + old: _REF + new for old, new in names.items()})


def _short_names(keys: list[str]) -> dict[str, str]:
    """Qualified key -> short name; a key without a module (``Error``) keeps its name."""
    fixed = {key for key in keys if "." not in key}
    groups: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if "." in key:
            groups[key.rsplit(".", 1)[1]].append(key)
    names: dict[str, str] = {}
    for members in groups.values():
        for shape in (_bare, _by_owner, _by_module):
            candidates = {key: shape(key) for key in members}
            if (len(set(candidates.values())) == len(members)
                    and not fixed & set(candidates.values())):
                names.update(candidates)
                break
        else:  # one class twice with other modifiers; apispec numbered them: keep that
            names.update({key: _by_module(key) for key in members})
    return names


def _bare(key: str) -> str:
    return key.rsplit(".", 1)[1]


def _by_owner(key: str) -> str:
    module, name = key.rsplit(".", 1)
    parts = module.split(".")
    owner = parts[1] if parts[0] in _PACKAGES and len(parts) > 1 else parts[0]
    return _camel(owner) + name


def _by_module(key: str) -> str:
    module, name = key.rsplit(".", 1)
    return "".join(_camel(part) for part in module.split(".")) + name


def _camel(word: str) -> str:
    return "".join(piece.capitalize() for piece in re.split(r"[_\W]+", word) if piece)


def _rename_refs(node: Any, refs: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {key: (refs.get(value, value) if key == "$ref" and isinstance(value, str)
                      else _rename_refs(value, refs))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_rename_refs(item, refs) for item in node]
    return node
