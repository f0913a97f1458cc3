"""The sandboxed Jinja2 environment for templates admins edit (documents, e-mail).

Admins are trusted with wording, not with the server: a template must not reach Python
internals, settings, the request or files, and must not stall a worker. The environment is
a :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` (no attribute starting with ``_``,
no function internals such as ``__globals__``, no unsafe ``str.format``, no changing the
lists and dicts it is given) with:

- no globals but ``range`` (the sandbox's bounded one): no ``config``, ``request``,
  ``url_for``, ``lipsum``, ``cycler``, ``joiner`` or ``namespace``;
- only the loader it is given (``None``: ``{% include %}`` and ``{% import %}`` find
  nothing, so no file can be read);
- ``*`` and ``**`` that refuse results too big to build (``'x' * 10**9``, ``9**9**9``);
- the formatting filters of :mod:`core.i18n` (dates, numbers, money in the active locale).

Everything a template does wrong surfaces as a :class:`jinja2.TemplateError` (a
``SecurityError`` is one) or as the ordinary Python error of the operation; callers turn
both into one error of their own (see :func:`template_failure`).
"""

from __future__ import annotations

import operator
from collections.abc import Collection
from typing import Any

import nh3
from jinja2 import BaseLoader, StrictUndefined, TemplateError, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, safe_range

from core.i18n import (
    format_date,
    format_datetime,
    format_decimal,
    format_money,
    format_number,
    format_percent,
)

MAX_SEQUENCE = 100_000
"""Longest string or list a ``*`` may build."""
MAX_POWER_BITS = 4_096
"""Largest integer (in bits) a ``**`` may build."""

FILTERS = {"format_date": format_date, "format_datetime": format_datetime,
           "format_decimal": format_decimal, "format_money": format_money,
           "format_number": format_number, "format_percent": format_percent}


class KontoraSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with bounded ``*`` and ``**``."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and \
                    abs(left) > 1 and right * max(abs(left).bit_length(), 1) > MAX_POWER_BITS:
                raise SecurityError("the power is too large to compute in a template")
            return operator.pow(left, right)
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, str | bytes | list | tuple) and isinstance(count, int) and \
                    len(seq) * count > MAX_SEQUENCE:
                raise SecurityError("the repeated text or list is too long for a template")
        return operator.mul(left, right)


def sandboxed_environment(*, loader: BaseLoader | None = None, autoescape: Any = True,
                          strict: bool = False) -> KontoraSandbox:
    """A fresh sandbox; ``strict`` makes an unknown name an error instead of empty text."""
    undefined: type[Undefined] = StrictUndefined if strict else Undefined
    env = KontoraSandbox(loader=loader, autoescape=autoescape, undefined=undefined)
    env.globals.clear()
    env.globals["range"] = safe_range
    env.filters.update(FILTERS)
    return env


TEMPLATE_FAILURES: tuple[type[BaseException], ...] = (
    TemplateError, ArithmeticError, LookupError, TypeError, ValueError, AttributeError,
    RecursionError, MemoryError)
"""What a template written wrong may raise while it renders; everything else is a bug."""


def template_failure(exc: BaseException) -> str:
    """A one-line reason for an admin: what went wrong, without a traceback or a value leak."""
    if isinstance(exc, SecurityError):
        return f"not allowed in a template: {exc}"
    if isinstance(exc, TemplateError):
        line = getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        return f"{exc.message or type(exc).__name__}{where}"
    return f"{type(exc).__name__}: {exc}"


HTML_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"style", "class", "dir", "lang", "title"},
}
for _tag in ("table", "td", "th", "col", "colgroup"):
    HTML_ATTRIBUTES[_tag] = HTML_ATTRIBUTES.get(_tag, set()) | {
        "width", "height", "bgcolor", "border", "cellpadding", "cellspacing", "valign"}


def clean_html(html: str, *, url_schemes: Collection[str] = frozenset({"http", "https"})) \
        -> str:
    """``html`` without scripts, event handlers, frames or links of other ``url_schemes``.

    What a template renders is cleaned whatever it says, so an admin's template cannot put
    a script in front of staff or clients. Presentation (``style``, ``class``, tables)
    stays.
    """
    return nh3.clean(html, attributes=HTML_ATTRIBUTES, url_schemes=set(url_schemes))
