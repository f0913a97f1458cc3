"""The state of one list page (search, filters, sort, cursor) read from and written to URLs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import url_for

from core.web.generic.declaration import Crud

MAX_TEXT = 200


@dataclass
class ListState:
    crud: Crud
    q: str = ""
    sort: str = ""
    cursor: str | None = None
    page: int = 1
    filters: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_args(cls, crud: Crud, args: Mapping[str, str]) -> ListState:
        filters = {}
        for flt in crud.filters:
            value = (args.get(flt.param) or "").strip()[:MAX_TEXT]
            if value:
                filters[flt.param] = value
        try:
            page = max(1, int(args.get("page", "1")))
        except ValueError:
            page = 1
        return cls(crud=crud, q=(args.get("q") or "").strip()[:MAX_TEXT],
                   sort=(args.get("sort") or "").strip()[:100] or crud.default_sort,
                   cursor=args.get("cursor") or None, page=page, filters=filters)

    def args(self, **changes: Any) -> dict[str, Any]:
        """Query arguments of this list with ``changes``; empty values are left out."""
        values: dict[str, Any] = {"q": self.q, **self.filters}
        if self.sort != self.crud.default_sort:
            values["sort"] = self.sort
        values.update(changes)
        return {k: v for k, v in values.items() if v not in (None, "")}

    def url(self, **changes: Any) -> str:
        return url_for(self.crud.endpoint("list"), **self.args(**changes))

    def sort_url(self, column: str) -> str:
        """Sort by ``column``; a second click on the sorted column reverses it."""
        new = f"-{column}" if self.sort == column else column
        return self.url(sort=new if new != self.crud.default_sort else None)

    def sorted_by(self, column: str) -> str | None:
        """``"asc"``, ``"desc"`` or ``None`` for ``column``."""
        if self.sort == column:
            return "asc"
        if self.sort == f"-{column}":
            return "desc"
        return None

    def next_url(self, cursor: str) -> str:
        return self.url(cursor=cursor, page=self.page + 1)

    def export_url(self, fmt: str) -> str:
        return url_for(self.crud.endpoint("export"), fmt=fmt, **self.args())

    @property
    def filtered(self) -> bool:
        return bool(self.q or self.filters)
