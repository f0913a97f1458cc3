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
- every way to build a large value refused before it builds (``'x' * 10**9``,
  ``9**9**9``, ``'a'.ljust(10**9)``, ``'{:999999999}'.format(1)``, ``|indent(10**9)``,
  ``~`` in a recursive macro ...) and a budget of steps, text and time per render
  (:mod:`core.sandbox_limits`);
- the formatting filters of :mod:`core.i18n` (dates, numbers, money in the active locale).

Everything a template does wrong surfaces as a :class:`jinja2.TemplateError` (a
``SecurityError`` is one) or as the ordinary Python error of the operation; callers turn
both into one error of their own (see :func:`template_failure`).
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Collection
from string import Formatter
from typing import Any

import nh3
from jinja2 import BaseLoader, StrictUndefined, Template, TemplateError, Undefined, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import LoopContext
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedFormatter,
    SecurityError,
    safe_range,
)
from jinja2.utils import _PassArg
from markupsafe import EscapeFormatter, Markup

from core import sandbox_limits as limits
from core.i18n import (
    format_date,
    format_datetime,
    format_decimal,
    format_money,
    format_number,
    format_percent,
)
from core.sandbox_limits import (
    MAX_POWER_BITS,
    MAX_SEQUENCE,
    MAX_TEXT,
    TOO_LONG,
    bounded_concat,
    built,
    check_format_spec,
    check_items,
    check_join,
    check_printf,
    check_replace,
    check_width,
    count_built,
    refuse_large,
    render_budget,
    step,
    text_size,
)

FILTERS = {"format_date": format_date, "format_datetime": format_datetime,
           "format_decimal": format_decimal, "format_money": format_money,
           "format_number": format_number, "format_percent": format_percent}

SIZE_NEUTRAL_FILTERS = frozenset({
    "abs", "attr", "count", "d", "default", "dictsort", "first", "float", "groupby", "int",
    "items", "last", "length", "list", "map", "max", "min", "random", "reject", "rejectattr",
    "reverse", "round", "select", "selectattr", "sort", "unique", "batch", "slice"})
"""Filters that never turn a list into text: their input is not measured (a loop may call
``lines|length`` often)."""


def _padding(text: Any, args: tuple[Any, ...], kwargs: dict[str, Any], name: str,
             default: Any) -> Any:
    return args[0] if args else kwargs.get(name, default)


def _check_text_method(text: str | bytes, name: str, args: tuple[Any, ...],
                       kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a ``str`` method call that would build too long a text; the arguments to use."""
    if name in ("ljust", "rjust", "center", "zfill"):
        check_width(_padding(text, args, kwargs, "width", 0))
    elif name == "expandtabs":
        check_width(_padding(text, args, kwargs, "tabsize", 8), text.count(
            "\t" if isinstance(text, str) else b"\t") + 1)
    elif name == "replace" and len(args) >= 2:
        check_replace(text, args[0], args[1], args[2] if len(args) > 2 else
                      kwargs.get("count", -1))
    elif name == "join" and args:
        items = list(limits.iterate(args[0]))
        check_items(len(items))
        check_join(text, items)
        return (items,)
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, str | bytes)),
                      default=1)
        check_width(longest, len(text))
    return args


def _check_filter(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Refuse a filter call that would build too much; the value to pass on."""
    if name not in SIZE_NEUTRAL_FILTERS:
        refuse_large(value, args, kwargs)
    if name == "center":
        check_width(_padding(value, args, kwargs, "width", 80))
    elif name == "indent" and isinstance(value, str):
        width = _padding(value, args, kwargs, "width", 4)
        check_width(len(width) if isinstance(width, str) else width, value.count("\n") + 1)
    elif name == "wordwrap" and isinstance(value, str):
        wrap = args[2] if len(args) > 2 else kwargs.get("wrapstring")
        check_width(len(wrap or "\n"), len(value))
    elif name == "batch":
        check_items(_padding(value, args, kwargs, "linecount", 1))
    elif name == "slice":
        check_items(_padding(value, args, kwargs, "slices", 1))
    elif name == "format":
        check_printf(value)
    elif name == "replace" and len(args) >= 2:
        check_replace(value, args[0], args[1], args[2] if len(args) > 2 else
                      kwargs.get("count", -1))
    elif name == "join":
        value = list(limits.iterate(value)) if not isinstance(value, str) else value
        check_items(len(value))
        check_join(_padding(value, args, kwargs, "d", ""), list(value))
    return value


def _bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with its input checked before and its result after, one budget step."""
    skip = 0 if _PassArg.from_obj(func) is None else 1

    @functools.wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        step()
        if len(args) > skip:
            value = _check_filter(name, args[skip], args[skip + 1:], kwargs)
            args = (*args[:skip], value, *args[skip + 1:])
        return built(func(*args, **kwargs))

    return bounded


class _BoundedFormatter(SandboxedFormatter):
    """``str.format`` refusing large widths, precisions and values."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        check_format_spec(format_spec)
        refuse_large(value)
        return built(super().format_field(value, format_spec))


class _BoundedEscapeFormatter(_BoundedFormatter, EscapeFormatter):
    pass


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles ``{% for %}`` to count each iteration, and ``~`` to check its operands."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        if not getattr(node, "kontora_bounded", False):
            node.iter = nodes.Call(nodes.EnvironmentAttribute("iterate"), [node.iter], [],
                                   None, None, lineno=node.iter.lineno)
            node.kontora_bounded = True  # type: ignore[attr-defined]
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"environment.bounded_join({join}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _BoundedTemplate(Template):
    """A template whose :meth:`render` runs within one render budget."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with render_budget():
            return super().render(*args, **kwargs)

    def generate(self, *args: Any, **kwargs: Any) -> Any:
        with render_budget():
            yield from super().generate(*args, **kwargs)


class KontoraSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with every large value and long render refused.

    See :mod:`core.sandbox_limits`: calls, attribute lookups, filters, operators, ``~``,
    loop iterations and output all go through a guard.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _BoundedCodeGenerator
    concat = staticmethod(bounded_concat)  # type: ignore[assignment]
    template_class = _BoundedTemplate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, finalize=_finalize, **kwargs)
        self.filters = {name: _bounded_filter(name, func) for name, func in self.filters.items()}

    @staticmethod
    def iterate(iterable: Any) -> Any:
        return limits.iterate(iterable)

    @staticmethod
    def bounded_join(join: Callable[[Any], str], values: tuple[Any, ...]) -> str:
        refuse_large(*values)
        return built(join(values))

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        step()
        if operator_name == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and \
                    abs(left) > 1 and right * max(abs(left).bit_length(), 1) > MAX_POWER_BITS:
                raise SecurityError("the power is too large to compute in a template")
            return operator.pow(left, right)
        if operator_name == "%":
            if isinstance(left, str):
                check_printf(left)
                refuse_large(right)
            return built(operator.mod(left, right))
        if operator_name == "+":
            return built(operator.add(left, right))
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, str | bytes | list | tuple) and isinstance(count, int) and \
                    len(seq) * count > (MAX_TEXT if isinstance(seq, str | bytes) else MAX_SEQUENCE):
                raise SecurityError("the repeated text or list is too long for a template")
        if isinstance(left, int) and isinstance(right, int) and \
                left.bit_length() + right.bit_length() > MAX_POWER_BITS:
            raise SecurityError("the number is too large for a template")
        return built(operator.mul(left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        step()
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str | bytes):
            args = _check_text_method(owner, name, args, kwargs)
        elif isinstance(owner, int) and name == "to_bytes":
            check_width(_padding(owner, args, kwargs, "length", 1))
        elif isinstance(__obj, LoopContext) and args:  # loop(children) in a recursive loop
            args = (limits.iterate(args[0]), *args[1:])
        return built(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        step()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        step()
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` and ``format_map`` through the bounded formatter."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = value.__self__
        formatter: Formatter = (_BoundedEscapeFormatter(self, escape=text.escape)
                                if isinstance(text, Markup) else _BoundedFormatter(self))
        is_map = value.__name__ == "format_map"

        def bounded_format(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                args, kwargs = (), args[0]
            return type(text)(formatter.vformat(text, args, kwargs))

        return functools.update_wrapper(bounded_format, value)


def _finalize(value: Any) -> Any:
    """What ``{{ ... }}`` prints is measured before it is written out (and escaping copies
    it), and counted: a loop printing one long text into a macro or a ``{% set %}`` block
    cannot pile up copies before the block is joined."""
    size = text_size(value)
    if size > MAX_TEXT:
        raise SecurityError(TOO_LONG)
    count_built(size)
    return value


def sandboxed_environment(*, loader: BaseLoader | None = None, autoescape: Any = True,
                          strict: bool = False) -> KontoraSandbox:
    """A fresh sandbox; ``strict`` makes an unknown name an error instead of empty text."""
    undefined: type[Undefined] = StrictUndefined if strict else Undefined
    env = KontoraSandbox(loader=loader, autoescape=autoescape, undefined=undefined)
    env.globals.clear()
    env.globals["range"] = safe_range
    env.filters.update({name: _bounded_filter(name, func) for name, func in FILTERS.items()})
    return env


COMPILED_TEMPLATES = 256
"""How many compiled stored templates (documents) one process keeps, least recently used out."""


@functools.cache
def strict_environment() -> KontoraSandbox:
    """The process's one strict sandbox without a loader, for templates stored in the database.

    Building a sandbox costs as much as rendering a short document; the render budget is a
    context variable, so one environment serves every thread and request safely.
    """
    return sandboxed_environment(strict=True)


@functools.lru_cache(maxsize=COMPILED_TEMPLATES)
def compiled_template(source: str) -> Template:
    """``source`` compiled in :func:`strict_environment`, once per process and text.

    Keyed by the text itself, so a saved change (a new version) compiles anew and a stale
    entry can never be served; a template that fails to compile is not kept.
    """
    return strict_environment().from_string(source)


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
    schemes = set(url_schemes)
    if "data" not in schemes:
        return nh3.clean(html, attributes=HTML_ATTRIBUTES, url_schemes=schemes)
    return nh3.clean(html, attributes=HTML_ATTRIBUTES, url_schemes=schemes,
                     attribute_filter=_inline_images_only)


_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp|svg\+xml);base64,", re.I)


def _inline_images_only(tag: str, attribute: str, value: str) -> str | None:
    """With the ``data`` scheme allowed, only an ``<img src>`` may use it, for an image."""
    if value.lstrip()[:5].lower() == "data:" and not (
            tag == "img" and attribute == "src" and _DATA_IMAGE.match(value.lstrip())):
        return None
    return value
