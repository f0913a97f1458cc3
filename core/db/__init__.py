"""ORM base, column types, mixins and the unit of work.

Plugins import from here: ``from core.db import Base, Money, TimestampMixin, session``.
"""

from core.db.base import Base
from core.db.mixins import (
    AuthorshipMixin,
    OwnerMixin,
    RecordLinkMixin,
    TimestampMixin,
    VersionMixin,
)
from core.db.search import SearchTextMixin, fold
from core.db.session import Database, after_commit, session
from core.db.types import Money, Quantity, UTCDateTime, utcnow

__all__ = [
    "AuthorshipMixin",
    "Base",
    "Database",
    "Money",
    "OwnerMixin",
    "Quantity",
    "RecordLinkMixin",
    "SearchTextMixin",
    "TimestampMixin",
    "UTCDateTime",
    "VersionMixin",
    "after_commit",
    "fold",
    "session",
    "utcnow",
]
