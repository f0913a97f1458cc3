"""A section "records of this client" built from a kind's generic list, for any profile page.

A plugin whose records belong to a client (leads, orders, contracts, complaints) answers
``kontora_profile_sections`` with :func:`records_section`: the newest records of the client,
in the columns of the kind's own list (less the client column), through the list's record
rules, in one query. The client page thus shows every area without knowing any of them.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import current_app, render_template

from core.identity import current_principal
from core.kernel import kontora
from core.listing import list_records
from core.web.generic import registered_cruds
from core.web.generic.display import display

LIMIT = 10


def records_section(kind: str, field: str, record_id: int, *, title: Any, order: int,
                    key: str | None = None, limit: int = LIMIT) -> list[dict[str, Any]]:
    """The profile section (or none, when the reader may not see ``kind``) listing records
    of ``kind`` whose ``field`` is ``record_id``, newest first by the list's default sort."""
    principal = current_principal()
    declared = kontora().kinds.get(kind)
    if principal is None or declared is None or not principal.has(declared.read_permission):
        return []
    return [{"key": key or kind, "title": title, "order": order,
             "render": partial(_render, kind, field, record_id, limit)}]


def _render(kind: str, field: str, record_id: int, limit: int) -> str:
    crud = registered_cruds(current_app)[kind]
    listing = crud.listing_kind(kontora().kinds[kind])
    page = list_records(current_principal(), listing, filters={field: record_id}, limit=limit)
    columns = [c for c in crud.columns if c.name != field]
    return render_template("generic/_section.html", kind=listing, crud=crud, columns=columns,
                           page=page, display=display, limit=limit)
