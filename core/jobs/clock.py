"""The clock periodic jobs read, so tests (and a replay) can set the day a job runs on.

``now()`` and ``today()`` answer the real time unless a :func:`frozen` block sets one;
``today()`` is the date in ``KONTORA_TIMEZONE``, the day an invoice or a reminder carries.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from core.db import utcnow
from core.kernel import kontora

_FROZEN: ContextVar[datetime | None] = ContextVar("kontora_clock", default=None)


def now() -> datetime:
    """The current moment (UTC, aware), or the one a :func:`frozen` block set."""
    return _FROZEN.get() or utcnow()


def today() -> date:
    """Today's date in the installation's time zone."""
    return now().astimezone(ZoneInfo(kontora().settings.timezone)).date()


@contextmanager
def frozen(moment: datetime | date) -> Iterator[datetime]:
    """Make ``now()``/``today()`` answer ``moment`` inside the block; a date means its noon
    in the installation's time zone, so ``today()`` is that date whatever the zone."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(12), ZoneInfo(kontora().settings.timezone))
    elif moment.tzinfo is None:
        raise ValueError("frozen() needs an aware datetime or a date")
    token = _FROZEN.set(moment.astimezone(UTC))
    try:
        yield moment
    finally:
        _FROZEN.reset(token)
