"""Record pickers: one search-as-you-type field for every reference to a record.

A form shows ``record_picker(...)`` (``macros/pickers.html``); kontora.js asks
``GET /pick/<kind>?q=...`` as the user types and fills a listbox. The answer comes from the
kernel's listing (the kind's declared search columns — name, tax id, e-mail ... — its
filters and the principal's record rules), so a picker never offers a record the lists
would hide. The "create" shortcut opens the kind's create form with ``k_return`` (the form
to come back to) and ``k_field`` (the picker's field); the create view ends with
:func:`back_to_picker` and the user returns with the new record picked.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import Response, jsonify, redirect, request

from core.api.blueprint import MAX_RECORD_ID
from core.errors import Forbidden, NotFound, ValidationError
from core.identity import current_principal
from core.kernel import kontora
from core.listing import list_records
from core.services import load_record

LIMIT = 10
MAX_QUERY = 100
DETAIL_ATTRS = ("tax_id", "vat_number", "email", "number", "code")
RETURN_ARG, FIELD_ARG = "k_return", "k_field"


def pick_answer(principal: Any, kind: str) -> Response:
    """Up to ``LIMIT`` records of ``kind`` matching ``q``, as ``{"results": [...]}``; the
    other query arguments are the kind's list filters (``party_id=7``)."""
    declared = kontora().kinds.get(kind)
    if declared is None:
        raise NotFound(f"no record kind {kind!r}")
    text = request.args.get("q", "").strip()[:MAX_QUERY]
    filters = {k: v for k, v in request.args.items() if k != "q" and v != ""}
    try:
        page = list_records(principal, declared, search=text or None, filters=filters,
                            limit=LIMIT)
    except ValidationError as exc:
        if text and "search" in exc.fields and not filters:
            return jsonify(results=[])
        raise
    return jsonify(results=[option(declared, record) for record in page.items])


def option(declared: Any, record: Any) -> dict[str, Any]:
    """One choice: the id, the record's title and what tells namesakes apart."""
    detail = " · ".join(str(value) for attr in DETAIL_ATTRS
                        if (value := getattr(record, attr, None)) and
                        str(value) != declared.title_of(record))
    return {"id": record.id, "label": declared.title_of(record), "detail": detail}


def picked_label(principal: Any, kind: str, record_id: Any) -> str:
    """The title of the record a picker holds, or ``""`` when the principal may not see it
    (or the value is no id): the field then shows empty rather than a number. A number past
    any id is no id either (PostgreSQL would refuse to compare it with an integer column)."""
    try:
        number = int(record_id)
    except (TypeError, ValueError):
        return ""
    if not 1 <= number <= MAX_RECORD_ID or principal is None or kind not in kontora().kinds:
        return ""
    try:
        return kontora().kinds[kind].title_of(load_record(principal, kind, number))
    except (NotFound, Forbidden):
        return ""


def web_picked_label(kind: str, record_id: Any) -> str:
    """``picked_label`` for the signed-in user (a Jinja global of the picker macro)."""
    return picked_label(current_principal(), kind, record_id)


def back_to_picker(record_id: int) -> Response | None:
    """After a create form saved ``record_id``: the redirect back to the form whose picker
    opened it, with the new id in the picker's field; ``None`` when not opened from one."""
    target, field = request.args.get(RETURN_ARG, ""), request.args.get(FIELD_ARG, "")
    parts = urlsplit(target)
    if not field.isidentifier() or not target.startswith("/") or target.startswith("//") \
            or "\\" in target or parts.scheme or parts.netloc:
        return None
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != field] + [(field, record_id)]
    return redirect(f"{parts.path}?{urlencode(query)}", code=303)
