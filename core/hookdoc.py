"""Render the hook reference (docs/hooks.md) from the specs' docstrings.

Run ``python -m core.hookdoc > docs/hooks.md``; a test fails when the committed page and
the specs disagree, or when a spec has no docstring.
"""

from __future__ import annotations

import inspect

from core import hookspecs


def hook_specs() -> list[tuple[str, object]]:
    """Every hook spec in source order."""
    specs = [(name, fn) for name, fn in vars(hookspecs).items()
             if callable(fn) and hasattr(fn, f"{hookspecs.PROJECT}_spec")]
    return sorted(specs, key=lambda item: inspect.getsourcelines(item[1])[1])


def render() -> str:
    lines = [
        "# Hook reference",
        "",
        "Generated from `core/hookspecs.py` by `python -m core.hookdoc > docs/hooks.md`;",
        "do not edit by hand. Implement a hook in your plugin's `plugin.py` with",
        "`@hookimpl` (`from core import hookimpl`), taking only the arguments you need.",
        "",
    ]
    for name, fn in hook_specs():
        opts = getattr(fn, f"{hookspecs.PROJECT}_spec")
        signature = str(inspect.signature(fn)).replace("'", "")
        lines += [f"## `{name}{signature}`", ""]
        if opts.get("firstresult"):
            lines += ["*First result wins.*", ""]
        lines += [inspect.cleandoc(fn.__doc__ or ""), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")
