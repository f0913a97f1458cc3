"""What a plugin declares to get list, detail, form and export pages for one record kind."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.kinds import RecordKind
from core.web.pickers import web_picked_label

RESERVED_PARAMS = frozenset({"q", "sort", "cursor", "page"})


def label_for(name: str) -> str:
    """A readable default label from a field name (``owner_id`` -> ``Owner``)."""
    return name.removesuffix("_id").replace("_", " ").capitalize()


@dataclass(frozen=True)
class Column:
    """A list column (and a field of the detail page).

    ``format`` is ``None`` (by value type), ``"money:<currency attribute>"`` or a callable
    ``(record) -> str``.
    """

    name: str
    label: Any = None
    sortable: bool = True
    format: str | Callable[[Any], Any] | None = None

    @property
    def title(self) -> Any:
        return self.label if self.label is not None else label_for(self.name)


@dataclass(frozen=True)
class Filter:
    """A list filter; the query parameter is ``name`` or ``name__lookup`` (``amount__gte``).

    ``type`` is ``text``, ``number``, ``date``, ``bool``, ``select`` (``choices``: a list of
    ``(value, label)`` or a callable returning one, called per request) or ``record`` (a
    record picker over the record kind ``kind``, see ``macros/pickers.html``).
    """

    name: str
    label: Any = None
    type: str = "text"
    lookup: str = "eq"
    choices: Sequence[tuple[Any, Any]] | Callable[[], Sequence[tuple[Any, Any]]] | None = None
    kind: str | None = None

    @property
    def param(self) -> str:
        return self.name if self.lookup == "eq" else f"{self.name}__{self.lookup}"

    @property
    def title(self) -> Any:
        return self.label if self.label is not None else label_for(self.name)

    def options(self) -> Sequence[tuple[Any, Any]]:
        return self.choices() if callable(self.choices) else (self.choices or ())


@dataclass(frozen=True)
class Field:
    """A form field, drawn by ``macros/forms.html``'s ``render_field`` (same ``type`` names).

    ``type="record"`` is a reference to a record of the kind ``kind`` (``client_id`` over
    ``parties.client``): a record picker (``macros/pickers.html``) that posts the id; the
    detail page shows the record's title.
    """

    name: str
    label: Any = None
    type: str = "text"
    required: bool = False
    choices: Sequence[tuple[Any, Any]] | Callable[[], Sequence[tuple[Any, Any]]] | None = None
    help: Any = None
    col: str = "col-12"
    kind: str | None = None

    def __post_init__(self) -> None:
        if self.type == "record" and not self.kind:
            raise ValueError(f"Field({self.name!r}, type='record') needs the record kind")

    @property
    def title(self) -> Any:
        return self.label if self.label is not None else label_for(self.name)

    def options(self) -> Sequence[tuple[Any, Any]]:
        return self.choices() if callable(self.choices) else (self.choices or ())


@dataclass(frozen=True)
class Related:
    """A tab on the detail page listing records of ``kind`` whose ``field`` is this record's id."""

    title: Any
    kind: str
    field: str
    columns: Sequence[Column | str] = ()
    limit: int = 20


def _columns(items: Sequence[Column | str]) -> tuple[Column, ...]:
    return tuple(c if isinstance(c, Column) else Column(c) for c in items)


@dataclass
class Crud:
    """One ``register_crud`` declaration, bound to its blueprint."""

    blueprint: str
    kind: str
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...] = ()
    default_sort: str = "-id"
    form_fields: tuple[Field, ...] = ()
    search_fields: tuple[str, ...] | None = None
    related: tuple[Related, ...] = ()
    name: str = ""
    page_size: int = 50
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.columns = _columns(self.columns)
        self.filters = tuple(f if isinstance(f, Filter) else Filter(f) for f in self.filters)
        self.form_fields = tuple(f if isinstance(f, Field) else Field(f) for f in self.form_fields)
        self.related = tuple(dataclasses.replace(r, columns=_columns(r.columns))
                             for r in self.related)
        if self.search_fields is not None:
            self.search_fields = tuple(self.search_fields)
        self.name = self.name or self.kind.rsplit(".", 1)[-1]
        clash = {f.param for f in self.filters} & RESERVED_PARAMS
        if clash:
            raise ValueError(f"register_crud({self.kind!r}): filter names {sorted(clash)} "
                             f"are reserved for the list itself")

    def endpoint(self, action: str) -> str:
        """Full endpoint name of one page: ``sample.note_list``."""
        return f"{self.blueprint}.{self.name}_{action}"

    def templates(self, action: str) -> list[str]:
        """Template names tried in turn: the plugin's own page first, then the generic one."""
        return [f"{self.blueprint}/{self.name}_{action}.html", f"generic/{action}.html"]

    def listing_kind(self, declared: RecordKind) -> RecordKind:
        """The record kind with this declaration's sort, filter and search rules for listing.

        Sorting is offered on the declared sortable columns that the kind itself allows
        (kinds list their indexed columns, so no list sorts a million rows on a bare column).
        """
        extra = dict(declared.extra)
        sortable = [c.name for c in self.columns if c.sortable]
        if extra.get("sort") is not None:
            sortable = [name for name in sortable if name in extra["sort"]]
        extra["sort"] = sortable
        extra["default_sort"] = self.default_sort
        extra.setdefault("filters", [f.name for f in self.filters])
        if self.search_fields is not None:
            extra["search"] = list(self.search_fields)
        return dataclasses.replace(declared, extra=extra)

    @property
    def detail_fields(self) -> tuple[Column, ...]:
        """Columns, then form fields not already shown, for the detail page."""
        shown = {c.name for c in self.columns}
        extra = tuple(Column(f.name, f.label, format=_value_label(f))
                      for f in self.form_fields if f.name not in shown)
        return self.columns + extra


def _value_label(field_: Field) -> Callable[[Any], Any] | None:
    """How the detail page shows a select's or a reference's value, else ``None``."""
    if field_.type == "record":
        return _record_label(field_)
    return _choice_label(field_) if field_.choices else None


def _record_label(field_: Field) -> Callable[[Any], Any]:
    """A reference shown by the record's title, as its picker shows it (empty when the
    reader may not see that record), instead of a bare id."""
    def label(record: Any) -> Any:
        value = getattr(record, field_.name, None)
        return None if value is None else web_picked_label(str(field_.kind), value)
    return label


def _choice_label(field_: Field) -> Callable[[Any], Any]:
    """A select field's value shown by its label ("Legal entity", the pipeline's name), as
    the form offers it, instead of the stored code or id."""
    def label(record: Any) -> Any:
        value = getattr(record, field_.name, None)
        if value is None:
            return None
        labels = {str(v): text for v, text in field_.options()}
        return labels.get(str(value), value)
    return label
