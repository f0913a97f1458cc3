"""Record kinds: the names by which plugins and kernel tables refer to any record.

A kind is ``"<plugin>.<thing>"`` (``"offers.offer"``). Plugins declare theirs through the
``kontora_record_kinds`` hook; generic views, the API, conversions, audit and search look
models up here instead of importing the plugin that owns them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RecordKind:
    """One kind of record a plugin owns.

    ``permission_prefix`` names its permissions (``offers`` -> ``offers.read``,
    ``offers.write``); ``endpoint`` is the staff page showing one record (takes ``id``);
    ``schema`` is the marshmallow schema class for input and output. ``load_options`` are
    the SQLAlchemy loader options (``selectinload(Client.tags)``...) for the relations the
    schema dumps and the generic staff list shows: the API list and detail and the generic
    list and detail pages apply them, so a page of 50 costs the statements of a page of 1.
    ``extra`` holds the listing rules (``core.listing``), ``url_of`` (``record -> url`` for a
    kind shown on another record's page, used by the global search) and ``settled``: the
    ``status`` values of finished records (won, lost, accepted), which expect no next step;
    ``unpaid`` (``model -> SQL condition``) narrows a payable kind to the records with
    something left to pay, so receivables never load the settled ones.
    """

    kind: str
    model: Any
    label: str
    label_plural: str
    permission_prefix: str
    endpoint: str | None = None
    schema: Any = None
    title_attr: str = "name"
    load_options: tuple[Any, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def title_of(self, record: Any) -> str:
        return str(getattr(record, self.title_attr, None) or f"{self.label} #{record.id}")

    @property
    def read_permission(self) -> str:
        return f"{self.permission_prefix}.read"

    @property
    def write_permission(self) -> str:
        return f"{self.permission_prefix}.write"


class KindRegistry:
    """Record kinds of one application, by name and by model class."""

    def __init__(self, kinds: list[RecordKind]) -> None:
        self._by_name: dict[str, RecordKind] = {}
        self._by_model: dict[Any, RecordKind] = {}
        for kind in kinds:
            if kind.kind in self._by_name:
                raise ValueError(f"record kind {kind.kind!r} is declared twice")
            self._by_name[kind.kind] = kind
            self._by_model[kind.model] = kind

    def get(self, name: str) -> RecordKind | None:
        return self._by_name.get(name)

    def __getitem__(self, name: str) -> RecordKind:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"no enabled plugin declares the record kind {name!r}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[RecordKind]:
        return iter(self._by_name.values())

    def of_model(self, model: Any) -> RecordKind | None:
        return self._by_model.get(model)
