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

from sqlalchemy import String, and_, case, event, or_
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
        values = (getattr(self, name, None) for name in self.__search_fields__)
        self.search_text = SEPARATOR.join(fold(str(v)) if v else "" for v in values)[:MAX_LENGTH]


@event.listens_for(Session, "before_flush")
def _refresh_search_text(sess: Session, _context: Any, _instances: Any) -> None:
    for obj in (*sess.new, *sess.dirty):
        if isinstance(obj, SearchTextMixin):
            obj.refresh_search_text()


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
