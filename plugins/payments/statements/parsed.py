"""What a statement parser returns, whatever the format, and the error it raises."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from core.errors import ValidationError


class StatementError(ValidationError):
    """A malformed file, refused whole; ``where`` names the line or element that is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}", fields={"file": [f"{where}: {problem}"]})


@dataclass(frozen=True)
class ParsedLine:
    """One booked movement: ``amount`` positive, ``credit`` for money coming in."""

    booked_on: date
    amount: Decimal
    currency: str
    credit: bool
    remittance: str = ""
    counterparty_name: str = ""
    counterparty_iban: str = ""
    bank_reference: str = ""

    def fingerprint(self, account: str, position: int) -> str:
        """What makes the line the same line when a statement comes again (or a later
        statement repeats it): account, date, amount, direction, references, position."""
        text = "|".join([account, self.booked_on.isoformat(), str(self.amount), self.currency,
                         "C" if self.credit else "D", self.bank_reference, self.remittance,
                         self.counterparty_iban, str(position) if not self.bank_reference
                         else ""])
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class ParsedStatement:
    """A statement (or report, or notification) of ``account`` named ``reference``."""

    format: str
    reference: str
    account: str
    lines: list[ParsedLine] = field(default_factory=list)


def compact_iban(text: str) -> str:
    return "".join(text.split()).upper()
