"""Serialising the state changes of one record: lock its row, then check its state again.

Two requests acting on one record at once (a double-clicked "convert", two people sending
one offer) must not both pass the state check and both act. Every state transition calls
:func:`lock_record` before it looks at the state:

- PostgreSQL: ``SELECT ... FOR UPDATE`` locks the row until the transaction ends; a second
  transaction waits there, then reads the state the first one committed.
- SQLite has no row locks: the transaction holds the database's write lock instead (a unit
  that may write begins ``IMMEDIATE``; see :mod:`core.db.session`), so the second request
  waits for the first one's commit before it reads anything.

The record comes back re-read (``populate_existing``), so a state loaded before the lock
cannot hide the first request's change. The caller then answers 409, or its first result
where repeating is harmless (a conversion returns the target it already made).
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select

from core.db import session
from core.db.session import hold_write_lock
from core.errors import NotFound
from core.i18n import gettext as _

M = TypeVar("M")


def lock_record(model: type[M], record_id: int) -> M | None:
    """Lock ``model`` #``record_id`` for the rest of the transaction and return it fresh
    from the database (``None`` if it no longer exists)."""
    sess = session()
    sess.flush()  # pending changes first: re-reading must not overwrite them
    hold_write_lock(sess, model.__table__)  # type: ignore[attr-defined]
    stmt = (select(model).where(model.id == record_id)  # type: ignore[attr-defined]
            .with_for_update(of=model).execution_options(populate_existing=True))
    return sess.scalars(stmt).first()


def locked(record: M) -> M:
    """``record`` locked and re-read, for a service that has already loaded it."""
    fresh = lock_record(type(record), record.id)  # type: ignore[attr-defined]
    if fresh is None:
        raise NotFound(_("This record was deleted meanwhile."))
    return fresh


__all__ = ["lock_record", "locked"]
