"""Text no database stores: NUL characters and lone surrogates, refused as a 422.

JSON may carry ``"\\u0000"`` or half a surrogate pair (``"\\ud800"``); Python decodes both,
and the database driver fails on them later (PostgreSQL refuses NUL in text, and a lone
surrogate cannot be encoded as UTF-8), which used to answer 500. Two checks keep them out:

- :func:`check_request_text` at the request boundary, for every JSON and form body, so no
  view or API endpoint has to remember it;
- :func:`check_text` in :func:`core.services.validate`, for callers without a request
  (imports, inbound mail, jobs).

Either answers 422 naming each field that carries such text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from flask import request

from core.errors import ValidationError
from core.i18n import gettext as _

_SURROGATE = re.compile("[\ud800-\udfff]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def check_request_text() -> None:
    """``before_request``: refuse a JSON or form body carrying NUL or a lone surrogate."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    try:
        if request.is_json:
            data = request.get_json(silent=True)
            if data is not None:
                check_text(data)
        elif request.mimetype in FORM_TYPES:
            check_text({key: values[0] if len(values) == 1 else values
                        for key, values in request.form.lists()})
    except (RecursionError, ValueError):
        return  # malformed or absurdly nested: the view's own 400 or 413 to give


def check_text(data: Any) -> None:
    """Raise a 422 naming each field of ``data`` whose text no database stores."""
    bad = dict(text_problems(data))
    if bad:
        raise ValidationError(_("The input is not valid."), fields={
            path: [_message(problem)] for path, problem in sorted(bad.items())})


def text_problems(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """``(field path, "nul" | "surrogate")`` for each bad text in decoded JSON or a form."""
    if isinstance(value, str):
        problem = _problem(value)
        if problem:
            yield path or "_schema", problem
    elif isinstance(value, Mapping):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            problem = _problem(str(key))
            if problem:  # the name itself is bad: report it printable
                yield _printable(name), problem
            else:
                yield from text_problems(item, name)
    elif isinstance(value, list | tuple):
        for number, item in enumerate(value):
            yield from text_problems(item, f"{path}.{number}" if path else str(number))


def _problem(text: str) -> str | None:
    if "\x00" in text:
        return "nul"
    if _SURROGATE.search(text):
        return "surrogate"
    return None


def _printable(name: str) -> str:
    return name.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\0")


def _message(problem: str) -> str:
    if problem == "nul":
        return _("Text must not contain NUL characters.")
    return _("Text must not contain half of a surrogate pair (it is not valid Unicode).")


__all__ = ["check_request_text", "check_text", "text_problems"]
