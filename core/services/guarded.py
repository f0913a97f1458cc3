"""Writing so that a clash with another writer is the user's 409, not a server error.

Services check uniqueness before writing, but two requests at once both pass the check and
the database's constraint decides. Inside a savepoint the loser's unit of work stays usable
(PostgreSQL aborts the whole transaction otherwise), so the page can still render the
refusal with the field named.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core.db import session
from core.errors import Conflict
from core.i18n import gettext as _
from core.services.integrity import integrity_error


@contextmanager
def guarded_write() -> Iterator[Session]:
    """Write the block's changes in a savepoint and flush them; a unique value taken or a
    stale version answers :class:`Conflict` naming the field, and the unit stays usable."""
    sess = session()
    sess.flush()  # earlier work of the unit stays outside the savepoint
    try:
        with sess.begin_nested():
            yield sess
    except StaleDataError:
        raise Conflict(_("Someone saved this record meanwhile; reload it and try again.")) \
            from None
    except IntegrityError as exc:
        raise integrity_error(exc) from None


__all__ = ["guarded_write"]
