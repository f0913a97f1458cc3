"""How big and how long a sandboxed template may get: size guards and the render budget.

A template must not exhaust a worker's memory or time (``'a'.ljust(2000000000)`` took 2 GB).
Two kinds of guard, used by :class:`core.sandbox.KontoraSandbox`:

- *sizes*: every operation that can build a large value from small input (a width, a count,
  a repetition, a join, a ``%`` or ``{}`` format, ``~``, a filter) is checked *before* it
  builds, from its arguments, and its result is checked after; no string, list or output
  may exceed :data:`MAX_TEXT` characters or :data:`MAX_SEQUENCE` items;
- the *budget* of one render (a context variable, so a shared environment is safe across
  threads): :data:`MAX_STEPS` loop iterations, calls, attribute lookups and filters,
  :data:`MAX_BUILT` characters built in all, and :data:`RENDER_SECONDS` of wall-clock time,
  checked at each step.

Every refusal is a :class:`jinja2.sandbox.SecurityError`, shown to the admin like any other
template error.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from jinja2.sandbox import SecurityError

MAX_TEXT = 2_000_000
"""Longest text (characters) one operation may build, the whole output included."""
MAX_SEQUENCE = 100_000
"""Most items a list, a ``range`` or a ``*`` may build."""
MAX_POWER_BITS = 4_096
"""Largest integer (in bits) ``**`` or ``*`` may build."""
MAX_BUILT = 20_000_000
"""Characters all guarded operations of one render may build together."""
MAX_STEPS = 500_000
"""Loop iterations, calls, attribute lookups and filters one render may take."""
RENDER_SECONDS = 10.0
"""Wall-clock time one render may take."""

TOO_LONG = "the text or list would be too long for a template"
_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_DIGITS = re.compile(r"\d+")


@dataclass
class Budget:
    """What one render has used so far."""

    deadline: float
    steps: int = 0
    built: int = 0
    started: float = field(default_factory=time.monotonic)


_budget: ContextVar[Budget | None] = ContextVar("kontora_template_budget", default=None)


@contextmanager
def render_budget() -> Iterator[Budget]:
    """The budget of the render now starting; a nested render shares the outer one."""
    current = _budget.get()
    if current is not None:
        yield current
        return
    budget = Budget(deadline=time.monotonic() + RENDER_SECONDS)
    token = _budget.set(budget)
    try:
        yield budget
    finally:
        _budget.reset(token)


def step() -> None:
    """Count one step of the running render; refuse when its steps or time are spent."""
    budget = _budget.get()
    if budget is None:
        return
    budget.steps += 1
    if budget.steps > MAX_STEPS:
        raise SecurityError("the template does too much work (too many loop iterations "
                            "or calls)")
    if time.monotonic() > budget.deadline:
        raise SecurityError(f"the template takes too long to render (over "
                            f"{RENDER_SECONDS:g} s)")


def iterate(iterable: Iterable[Any]) -> Iterator[Any]:
    """A ``{% for %}`` loop's items, one budget step each (an empty body still costs)."""
    for item in iterable:
        step()
        yield item


def text_size(value: Any, limit: int = MAX_TEXT) -> int:
    """About how many characters ``str(value)`` has, counting no further than ``limit``.

    Walks lists and dicts instead of building their text, so a list holding one long
    string many times is measured without being written out.
    """
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str | bytes | bytearray):
            total += len(item)
        elif isinstance(item, Mapping):
            total += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            stack.extend(item)
        elif isinstance(item, range):
            total += 8 * len(item)
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        else:
            total += 8
    return total


def refuse_large(*values: Any) -> None:
    """Refuse when the values together would print longer than :data:`MAX_TEXT`."""
    total = 0
    for value in values:
        total += text_size(value, MAX_TEXT - total)
        if total > MAX_TEXT:
            raise SecurityError(TOO_LONG)


def check_width(width: Any, count: int = 1) -> None:
    """Refuse a padding width (or a repeated string's length) ``count`` times over the limit."""
    if isinstance(width, int) and width * max(count, 1) > MAX_TEXT:
        raise SecurityError(TOO_LONG)


def check_items(count: Any) -> None:
    if isinstance(count, int) and count > MAX_SEQUENCE:
        raise SecurityError(TOO_LONG)


def check_printf(template: Any) -> None:
    """Refuse a ``%`` format with a width or precision over the limit, or a ``*`` one."""
    if not isinstance(template, str):
        return
    for match in _PRINTF.finditer(template):
        for number in match.groups():
            if number == "*" or (number and int(number) > MAX_TEXT):
                raise SecurityError("a format width or precision is too large for a template")


def check_format_spec(spec: str) -> None:
    """Refuse a ``{:...}`` spec with a width or precision over the limit."""
    if any(int(n) > MAX_TEXT for n in _DIGITS.findall(spec)):
        raise SecurityError("a format width or precision is too large for a template")


def check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    """Refuse a replacement whose result would be too long (``''`` matches everywhere)."""
    if not isinstance(text, str | bytes) or not isinstance(old, str | bytes) or \
            not isinstance(new, str | bytes):
        return
    found = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    if len(text) + found * max(len(new) - len(old), 0) > MAX_TEXT:
        raise SecurityError(TOO_LONG)


def check_join(separator: Any, items: list[Any]) -> None:
    refuse_large(items)
    if isinstance(separator, str | bytes):
        check_width(len(separator), len(items))


def check_int(value: int) -> None:
    if value.bit_length() > MAX_POWER_BITS:
        raise SecurityError("the number is too large for a template")


def count_built(size: int) -> None:
    """Count ``size`` characters against the render's :data:`MAX_BUILT`."""
    budget = _budget.get()
    if budget is not None and size > 64:
        budget.built += size
        if budget.built > MAX_BUILT:
            raise SecurityError("the template builds too much text")


def built(value: Any) -> Any:
    """Check a value an operation built and count its size against the render's budget."""
    if isinstance(value, str | bytes | bytearray):
        size = len(value)
        if size > MAX_TEXT:
            raise SecurityError(TOO_LONG)
        count_built(size)
    elif isinstance(value, list | tuple):
        if len(value) > MAX_SEQUENCE:
            raise SecurityError(TOO_LONG)
    elif isinstance(value, int) and not isinstance(value, bool):
        check_int(value)
    return value


def bounded_concat(pieces: Iterable[str]) -> str:
    """``"".join`` of a render's output pieces, refused once they pass :data:`MAX_TEXT`."""
    parts: list[str] = []
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > MAX_TEXT:
            raise SecurityError("the template's output is too long")
        parts.append(piece)
    return built("".join(parts))
