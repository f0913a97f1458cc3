"""A stored, folded search column: search that ignores case and diacritics, and stays fast.

Folding in SQL (``lower(unaccent(name))``) costs a function call per row and differs between
SQLite and PostgreSQL. Instead a model that mixes in :class:`SearchTextMixin` names the
columns it is found by in ``__search_fields__``; before every flush the ORM writes their
folded values (:func:`fold`), first field first, one per line, into ``search_text``. A word
is then one ``LIKE '%word%'`` on that column, which a trigram index serves on PostgreSQL, and
the first field (the record's title) ranks exact and prefix matches first.
"""

from __future__ import annotations

import unicodedata
from typing import Any, ClassVar

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    String,
    and_,
    bindparam,
    case,
    column,
    event,
    or_,
    select,
)
from sqlalchemy import table as sa_table
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.elements import ColumnElement

SEPARATOR = "\n"
MAX_LENGTH = 1000


def fold(text: str) -> str:
    """``text`` in lower case without diacritics: "Carpați SRL" -> "carpati srl"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class SearchTextMixin:
    """``search_text``: the folded ``__search_fields__``, kept by the ORM before each flush."""

    __search_fields__: ClassVar[tuple[str, ...]] = ()

    search_text: Mapped[str] = mapped_column(String(MAX_LENGTH), nullable=False, default="",
                                             server_default="")

    def refresh_search_text(self) -> None:
        self.search_text = folded_values(getattr(self, name, None)
                                         for name in self.__search_fields__)


@event.listens_for(Session, "before_flush")
def _refresh_search_text(sess: Session, _context: Any, _instances: Any) -> None:
    for obj in (*sess.new, *sess.dirty):
        if isinstance(obj, SearchTextMixin):
            obj.refresh_search_text()


def folded_values(values: Any) -> str:
    """The ``search_text`` of ``values`` (the searched fields' values, title first)."""
    return SEPARATOR.join(fold(str(v)) if v else "" for v in values)[:MAX_LENGTH]


def fill_search_text(bind: Connection, table_name: str, fields: tuple[str, ...],
                     batch: int = 1000) -> None:
    """Write ``search_text`` of every row of ``table_name`` from ``fields``, in batches by id:
    what a migration that adds the mixin to an existing table runs."""
    table = sa_table(table_name, column("id", Integer), column("search_text"),
                     *(column(f) for f in fields))
    last = 0
    while True:
        rows = bind.execute(select(table.c.id, *(table.c[f] for f in fields))
                            .where(table.c.id > last).order_by(table.c.id).limit(batch)).all()
        if not rows:
            return
        bind.execute(table.update().where(table.c.id == bindparam("row_id"))
                     .values(search_text=bindparam("text")),
                     [{"row_id": row[0], "text": folded_values(row[1:])} for row in rows])
        last = rows[-1][0]


def _pattern(word: str, *, leading: bool = True) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{'%' if leading else ''}{escaped}%"


def matches(model: Any, text: str) -> ColumnElement[bool]:
    """Rows of ``model`` whose fields hold every word of ``text``, folded."""
    words = fold(text).split()[:10]
    return and_(*(model.search_text.like(_pattern(w), escape="\\") for w in words))


def rank(model: Any, text: str) -> ColumnElement[int]:
    """0 when the title is ``text``, 1 when it starts with it, 2 when a word does, else 3."""
    folded = " ".join(fold(text).split())
    col = model.search_text
    return case(
        (or_(col == folded, col.like(_pattern(folded + SEPARATOR, leading=False), escape="\\")),
         0),
        (col.like(_pattern(folded, leading=False), escape="\\"), 1),
        (or_(col.like("% " + _pattern(folded), escape="\\"),
             col.like("%" + SEPARATOR + _pattern(folded), escape="\\")), 2),
        else_=3,
    )


def add_search_text(op: Any, table_name: str, fields: tuple[str, ...],
                    replaced_indexes: tuple[str, ...] = ()) -> None:
    """A migration's step giving an existing table the mixin's ``search_text``: the column,
    filled from ``fields``, and on PostgreSQL its trigram index in place of
    ``replaced_indexes`` (per-column trigram indexes the folded column makes useless)."""
    with op.batch_alter_table(table_name, schema=None) as batch_op:
        batch_op.add_column(Column("search_text", String(MAX_LENGTH), server_default="",
                                   nullable=False))
    fill_search_text(op.get_bind(), table_name, fields)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name in replaced_indexes:
            op.drop_index(name, table_name=table_name)
        op.create_index(f"ix_{table_name}_search_text_trgm", table_name, ["search_text"],
                        postgresql_using="gin", postgresql_ops={"search_text": "gin_trgm_ops"})


def drop_search_text(op: Any, table_name: str, restored: dict[str, str] | None = None) -> None:
    """The downgrade of :func:`add_search_text`; ``restored`` maps index names to the column
    each indexed again."""
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index(f"ix_{table_name}_search_text_trgm", table_name=table_name)
        for name, col in (restored or {}).items():
            op.create_index(name, table_name, [col], postgresql_using="gin",
                            postgresql_ops={col: "gin_trgm_ops"})
    with op.batch_alter_table(table_name, schema=None) as batch_op:
        batch_op.drop_column("search_text")
