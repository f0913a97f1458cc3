"""Giving numbers: gap-free, unique and inside the issuing transaction.

``next_number`` moves the series' counter with one ``UPDATE ... RETURNING`` as its first
statement. On PostgreSQL that locks the one counter row until the issuing transaction
ends: a concurrent issuer of the same series waits, other series and everything else go
on. On SQLite the same statement takes the database's write lock (SQLite has no smaller
one), waiting up to the busy timeout. A rollback undoes the counter move with the rest, so
no number is consumed by a transaction that did not commit, and the numbers of a period
are 1, 2, 3 ... without holes.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError

from core.db import session, utcnow
from core.errors import Conflict, NotFound
from core.i18n import gettext as _
from core.identity import current_principal
from core.kernel import kontora
from core.numbering.models import ALL_TIME, IssuedNumber, NumberCounter, NumberSeries
from core.numbering.patterns import format_number

_SERIES = "FROM core_number_series WHERE code = :code AND active = :active"
_TAKE = text(
    "UPDATE core_number_counter SET next_value = next_value + 1 "
    f"WHERE series_id = (SELECT id {_SERIES}) "
    f"AND period = (SELECT CASE WHEN yearly_reset THEN :year ELSE :all END {_SERIES}) "
    "RETURNING series_id, period, next_value - 1"
)


def next_number(series_code: str, *, when: datetime | None = None,
                record_kind: str | None = None, record_id: int | None = None) -> str:
    """The next number of series ``series_code``, recorded as held by the given record.

    Call it inside the transaction that issues the document, at issue and as late in it as
    the document allows: after the checks that may refuse the issue, and before only what
    needs the number. On PostgreSQL the counter row stays locked from this call until the
    transaction ends, so every statement after it keeps the other issuers of the series
    waiting; a refusal after it costs them a wait, never a gap (the rollback gives the
    number back). On SQLite the unit already holds the write lock from its first statement,
    so the place does not matter there. ``when`` (default: now) picks the year of a series
    that restarts yearly, in ``KONTORA_TIMEZONE``.
    """
    sess = session()
    moment = when or utcnow()
    year = moment.astimezone(_timezone()).year
    try:
        taken = _take(series_code, year)
        if taken is None:
            series = _series(series_code)
            _ensure_counter(series, _period(series, year))
            taken = _take(series_code, year)
    except OperationalError as exc:
        if "locked" not in str(exc.orig):
            raise
        raise Conflict(_("Another document was being numbered at the same moment; "
                         "please try again.")) from None
    if taken is None:  # the series was deactivated meanwhile
        raise NotFound(_("The numbering series %(code)s is not active.", code=series_code))
    series_id, period, seq = taken
    series = sess.get(NumberSeries, series_id)
    number = format_number(series.pattern, year, seq)
    sess.add(IssuedNumber(series_id=series_id, period=period, seq=seq, number=number,
                          record_kind=record_kind, record_id=record_id, issued_at=utcnow(),
                          issued_by_id=getattr(current_principal(), "user_id", None)))
    sess.flush()
    return number


def _take(series_code: str, year: int) -> tuple[int, str, int] | None:
    """Move the counter of the series' current period; None when it has no counter yet."""
    row = session().execute(_TAKE, {"code": series_code, "active": True, "year": str(year),
                                    "all": ALL_TIME}).first()
    return (int(row[0]), str(row[1]), int(row[2])) if row is not None else None


def _series(series_code: str) -> NumberSeries:
    series = session().scalars(
        select(NumberSeries).where(NumberSeries.code == series_code)).first()
    if series is None:
        raise NotFound(_("There is no numbering series %(code)s.", code=series_code))
    if not series.active:
        raise NotFound(_("The numbering series %(code)s is not active.", code=series_code))
    return series


def _ensure_counter(series: NumberSeries, period: str) -> None:
    """Create the period's counter row unless it exists (concurrent creators agree)."""
    sess = session()
    table = NumberCounter.__table__
    values = {"series_id": series.id, "period": period, "next_value": 1}
    insert = pg_insert if sess.get_bind().dialect.name == "postgresql" else sqlite_insert
    sess.execute(insert(table).values(**values).on_conflict_do_nothing(
        index_elements=["series_id", "period"]))


def _period(series: NumberSeries, year: int) -> str:
    return str(year) if series.yearly_reset else ALL_TIME


def _timezone() -> ZoneInfo:
    return ZoneInfo(kontora().settings.timezone)

