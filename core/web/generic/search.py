"""Global search over every record kind with a page, through the same record rules as lists.

A kind is found when it has a staff page: generic pages, its ``endpoint``, or ``extra["url_of"]``
(a function ``record -> url`` for records shown on another record's page, such as a contact
on its client's). Kinds whose model keeps a folded ``search_text`` (``SearchTextMixin``) match
regardless of case and diacritics and come ranked: exact title, then title prefix, then a
word prefix; other kinds match through their list's search rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, url_for
from sqlalchemy import select

from core.db import SearchTextMixin, session
from core.db.search import matches, rank
from core.errors import ValidationError
from core.kernel import kontora
from core.kinds import RecordKind
from core.listing import list_records
from core.permissions import scope
from core.web.generic import registered_cruds


def search_record_kinds(principal: Any, text: str, limit: int) -> list[dict[str, Any]]:
    """Records of every kind with a page that the principal may read and that match ``text``."""
    results: list[dict[str, Any]] = []
    cruds = registered_cruds(current_app)
    for kind in kontora().kinds:
        crud = cruds.get(kind.kind)
        url_of = _url_maker(kind, crud.endpoint("detail") if crud else kind.endpoint)
        if url_of is None or not principal.has(kind.read_permission):
            continue
        if issubclass(kind.model, SearchTextMixin):
            records = _ranked(principal, kind, text, limit)
        else:
            listing = crud.listing_kind(kind) if crud else kind
            try:
                records = list_records(principal, listing, search=text, limit=limit).items
            except ValidationError:  # the kind has nothing to search in
                continue
        for record in records:
            url = url_of(record)
            if url:
                results.append({"kind": kind.kind, "id": record.id,
                                "title": kind.title_of(record), "url": url})
    return results


def _url_maker(kind: RecordKind, endpoint: str | None) -> Callable[[Any], str | None] | None:
    declared = kind.extra.get("url_of")
    if declared is not None:
        return declared
    if endpoint is None:
        return None
    return lambda record: url_for(endpoint, id=record.id)


def _ranked(principal: Any, kind: RecordKind, text: str, limit: int) -> list[Any]:
    model = kind.model
    stmt = (scope(select(model), model, principal, action="read")
            .where(matches(model, text))
            .order_by(rank(model, text), model.search_text, model.id).limit(limit))
    return list(session().scalars(stmt))
