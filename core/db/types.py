"""Column types that behave the same on SQLite and PostgreSQL.

Money and quantities are ``Decimal``: exact ``NUMERIC`` on PostgreSQL; SQLite has no exact
decimal, so values are stored as numbers and quantised back to the column's scale on read
(exact for the 15 significant digits any invoice needs). Datetimes are always aware UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import DateTime, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class _Decimal(TypeDecorator[Decimal]):
    impl = Numeric
    cache_ok = True
    precision = 18
    scale = 2

    def __init__(self, scale: int | None = None) -> None:
        if scale is not None:
            self.scale = scale
        super().__init__(precision=self.precision, scale=self.scale)
        self._quantum = Decimal(1).scaleb(-self.scale)

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=False))
        return dialect.type_descriptor(Numeric(self.precision, self.scale))

    def process_bind_param(self, value: object, dialect: Dialect) -> object:
        if value is None:
            return None
        value = Decimal(value).quantize(self._quantum, ROUND_HALF_UP)  # type: ignore[arg-type]
        return float(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value: object, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(str(value)).quantize(self._quantum, ROUND_HALF_UP)


class Money(_Decimal):
    """An amount of money: 18 digits, 2 decimals by default (``Money(4)`` for unit prices)."""

    cache_ok = True


class Quantity(_Decimal):
    """A quantity of goods or services: 18 digits, 4 decimals."""

    cache_ok = True
    scale = 4


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware one (core.db.utcnow())")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
