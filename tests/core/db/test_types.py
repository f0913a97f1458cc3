"""Money is exact Decimal and timestamps are aware UTC, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from tests.sample_plugin.models import SampleNote


@pytest.mark.parametrize(
    ("stored", "read"),
    [("1234567890.12", "1234567890.12"), ("0.105", "0.11"), ("-7.5", "-7.50"), ("0", "0.00")],
)
def test_money_round_trips_as_decimal(db, stored: str, read: str) -> None:
    with db.unit() as session:
        session.add(SampleNote(title="m", amount=Decimal(stored)))
    with db.unit() as session:
        amount = session.scalar(select(SampleNote.amount))
    assert isinstance(amount, Decimal)
    assert str(amount) == read


def test_money_sorts_numerically(db) -> None:
    with db.unit() as session:
        for value in ("100.00", "9.99", "1000.01", "-5.00"):
            session.add(SampleNote(title=value, amount=Decimal(value)))
    with db.unit() as session:
        ordered = session.scalars(select(SampleNote.amount).order_by(SampleNote.amount)).all()
    assert [str(v) for v in ordered] == ["-5.00", "9.99", "100.00", "1000.01"]


def test_timestamps_are_aware_utc(db) -> None:
    with db.unit() as session:
        session.add(SampleNote(title="t"))
    with db.unit() as session:
        note = session.scalars(select(SampleNote)).one()
        note.created_at = datetime(2026, 3, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    with db.unit() as session:
        created = session.scalar(select(SampleNote.created_at))
    assert created == datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    assert created.tzinfo is not None


def test_naive_datetime_is_refused(db) -> None:
    with pytest.raises(StatementError, match="naive datetime"), db.unit() as session:
        session.add(SampleNote(title="n", created_at=datetime(2026, 1, 1)))
        session.flush()
