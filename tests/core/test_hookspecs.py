"""Every hook spec is documented, and the generated reference in docs/ is current."""

from __future__ import annotations

import inspect
from pathlib import Path

from core import hookdoc

DOCS = Path(__file__).resolve().parents[2] / "docs" / "hooks.md"


def test_every_spec_has_a_docstring_saying_when_and_what() -> None:
    specs = hookdoc.hook_specs()
    assert len(specs) >= 20
    for name, fn in specs:
        doc = inspect.getdoc(fn) or ""
        assert doc, f"hook spec {name} has no docstring"
        assert "Called" in doc, f"hook spec {name} does not say when it is called"
        assert "Return" in doc or "Stops" in doc, f"hook spec {name} does not say what it returns"


def test_hook_reference_page_is_generated_from_the_specs() -> None:
    assert DOCS.read_text(encoding="utf-8") == hookdoc.render(), (
        "docs/hooks.md is stale: run `python -m core.hookdoc > docs/hooks.md`"
    )
