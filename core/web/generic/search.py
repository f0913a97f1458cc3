"""Global search over every kind that has generic pages, through the same listing rules."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for

from core.errors import ValidationError
from core.kernel import kontora
from core.listing import list_records
from core.web.generic import registered_cruds


def search_crud_kinds(principal: Any, text: str, limit: int) -> list[dict[str, Any]]:
    """Records of every generic-page kind the principal may read whose search fields match."""
    results: list[dict[str, Any]] = []
    kinds = kontora().kinds
    for kind_name, crud in registered_cruds(current_app).items():
        kind = kinds.get(kind_name)
        if kind is None or not principal.has(kind.read_permission):
            continue
        try:
            page = list_records(principal, crud.listing_kind(kind), search=text, limit=limit)
        except ValidationError:  # the kind has nothing to search in
            continue
        results.extend({"kind": kind_name, "id": record.id, "title": kind.title_of(record),
                        "url": url_for(crud.endpoint("detail"), id=record.id)}
                       for record in page.items)
    return results
