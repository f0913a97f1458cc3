"""Generic pages from a short declaration: list, CSV/XLSX export, detail, new, edit, delete.

    from core.web.generic import Column, Filter, Field, register_crud

    register_crud(bp, kind="sample.note",
                  columns=["title", Column("amount", sortable=False)],
                  filters=[Filter("owner_id", type="select", choices=owners)],
                  default_sort="-id", form_fields=[Field("title", required=True)],
                  search_fields=["title"])

See ``docs/web.md`` for the URLs, endpoints and templates this adds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import Blueprint, Flask

from core.identity.guards import login_required
from core.web.generic.declaration import Column, Crud, Field, Filter, Related
from core.web.generic.views import CrudViews

CRUD_ATTR = "kontora_crud"


def register_crud(bp: Blueprint, *, kind: str, columns: Sequence[Column | str],
                  filters: Sequence[Filter | str] = (), default_sort: str = "-id",
                  form_fields: Sequence[Field | str] = (),
                  search_fields: Sequence[str] | None = None,
                  related: Sequence[Related] = (), name: str | None = None,
                  path: str | None = None, page_size: int = 50) -> Crud:
    """Add the generic pages of record ``kind`` to ``bp``; returns the declaration.

    ``name`` (default: the part of ``kind`` after the dot) prefixes the endpoints
    (``note_list``, ``note_detail``...) and ``path`` (default ``/<name>``) the URLs.
    ``search_fields`` default to the kind's own listing rules (every text column).
    The kind's ``endpoint`` should name ``<bp>.<name>_detail`` so links find the page.
    """
    crud = Crud(blueprint=bp.name, kind=kind, columns=tuple(columns),  # type: ignore[arg-type]
                filters=tuple(filters), default_sort=default_sort,  # type: ignore[arg-type]
                form_fields=tuple(form_fields),  # type: ignore[arg-type]
                search_fields=tuple(search_fields) if search_fields is not None else None,
                related=tuple(related), name=name or "", page_size=page_size)
    views = CrudViews(crud)
    base = (path if path is not None else f"/{crud.name}").rstrip("/")
    rules = [
        ("/", "list", views.list, ["GET"]),
        ("/export.<any(csv, xlsx):fmt>", "export", views.export, ["GET"]),
        ("/new", "new", views.new, ["GET", "POST"]),
        ("/<int:id>", "detail", views.detail, ["GET"]),
        ("/<int:id>/edit", "edit", views.edit, ["GET", "POST"]),
        ("/<int:id>/delete", "delete", views.delete, ["GET", "POST"]),
    ]
    for rule, action, func, methods in rules:
        view = login_required(func)
        setattr(view, CRUD_ATTR, crud)
        bp.add_url_rule(base + rule, endpoint=f"{crud.name}_{action}", view_func=view,
                        methods=methods)
    return crud


def registered_cruds(app: Flask) -> dict[str, Crud]:
    """The declarations behind the app's routes, by kind (the first one wins)."""
    found: dict[str, Crud] = {}
    for endpoint, view in app.view_functions.items():
        crud: Any = getattr(view, CRUD_ATTR, None)
        if crud is not None and endpoint == crud.endpoint("list"):
            found.setdefault(crud.kind, crud)
    return found


__all__ = ["Column", "Crud", "Field", "Filter", "Related", "register_crud", "registered_cruds"]
