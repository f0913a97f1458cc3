"""Bank statements: CAMT.053 and a Bulgarian MT940 are parsed, incoming transfers matched
to open invoices by number, amount and the payer's IBAN, the rest settled on review;
importing a statement twice books nothing twice; a malformed file is refused naming the
line or element, with nothing booked."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from core.db import session
from core.errors import ValidationError
from plugins.invoicing.models import ExchangeRate
from plugins.parties.models import BankAccount
from plugins.payments import services
from plugins.payments.models import Payment, StatementLine
from plugins.payments.services import statements
from plugins.payments.statements.mt940 import parse_mt940
from tests.plugins.payments.conftest import issued_invoice, setup

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "statements"


def fixture(name: str, **values: str) -> bytes:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text.encode("utf-8")


def prepare_camt() -> tuple[Any, dict[str, Any], bytes]:
    """The RO client with its IBAN, invoices A (119.00), B and C (59.50 each), the file."""
    _user, who, client = setup()
    session().add(BankAccount(client_id=client.id, iban="RO66BACX0000001234567890",
                              currency="RON"))
    first = issued_invoice(who, client, "100")
    second = issued_invoice(who, client, "50")
    third = issued_invoice(who, client, "50")
    data = fixture("camt053_ro.xml", FIRST_AMOUNT="119.00", FIRST_NUMBER=first.number,
                   SECOND_AMOUNT="59.50")
    return who, {"a": first.id, "b": second.id, "c": third.id}, data


def _status(who: Any, record_id: int) -> str:
    return services.status_of(who, "invoicing.invoice", record_id)["status"]


def _payments() -> int:
    return session().scalar(select(func.count()).select_from(Payment))


def test_camt_lines_are_matched_or_wait_for_review_and_import_once(unit: Any) -> None:
    def run() -> Any:
        who, ids, data = prepare_camt()
        first = statements.import_statement(who, data, "stmt.xml")
        again = statements.import_statement(who, data, "stmt.xml")
        states = dict(session().execute(select(StatementLine.bank_reference,
                                               StatementLine.state)).all())
        waiting = statements.waiting_lines(who)
        ambiguous = next(line for line in waiting if line.state == "ambiguous")
        offered = [r.id for r, _left in statements.pickable(who, ambiguous)]
        statements.settle_line(who, ambiguous.id, [ids["b"]])
        unknown = next(line for line in waiting if line.state == "unmatched")
        statements.ignore_line(who, unknown.id)
        return (first, again, states, offered, ids,
                {k: _status(who, v) for k, v in ids.items()}, _payments(),
                statements.waiting_lines(who))

    first, again, states, offered, ids, status, payments, left = unit(run)
    assert {k: first[k] for k in ("new", "known", "matched", "review")} == \
        {"new": 4, "known": 0, "matched": 1, "review": 2}
    assert {k: again[k] for k in ("new", "known", "matched")} == \
        {"new": 0, "known": 4, "matched": 0}
    assert states == {"BT-0001": "matched", "BT-0002": "ambiguous", "BT-0003": "unmatched",
                      "BT-0004": "outgoing"}
    assert sorted(offered) == sorted([ids["b"], ids["c"]])
    assert status == {"a": "paid", "b": "paid", "c": "unpaid"}
    assert payments == 2 and left == []


def test_a_bulgarian_mt940_with_structured_86_is_matched_by_number(unit: Any) -> None:
    def run() -> Any:
        _user, who, client = setup()
        session().add(BankAccount(client_id=client.id, iban="BG18RZBB91550123456789",
                                  currency="BGN"))
        session().add(ExchangeRate(currency="BGN", domestic="RON", rate_date=date.today(),
                                   rate=Decimal("2.5432"), source="manual"))
        doc = issued_invoice(who, client, "100", currency="BGN")
        data = fixture("mt940_bg.sta", FIRST_AMOUNT_C="119,00", FIRST_NUMBER=doc.number)
        parsed = parse_mt940(data)
        done = statements.import_statement(who, data, "bg.sta")
        return parsed, done, _status(who, doc.id), doc.number

    parsed, done, state, number = unit(run)
    assert parsed.account == "BG80BNBG96611020345678" and parsed.reference == "STARTUMS/00042/001"
    line = parsed.lines[0]
    assert (line.amount, line.currency, line.credit) == (Decimal("119.00"), "BGN", True)
    assert line.counterparty_name == "КЛИЕНТ ЕООД"
    assert line.counterparty_iban == "BG18RZBB91550123456789"
    assert number in line.remittance and line.bank_reference == "UBB-778812"
    assert parsed.lines[1].credit is False
    assert (done["matched"], state) == (1, "paid")


@pytest.mark.parametrize(("name", "where"), [
    ("mt940_broken.sta", "line 7 (:61:)"),
    ("camt_missing_amount", "element Ntry/Amt (line"),
    ("camt_bad_xml", "line 2"),
    ("not_a_statement", "line 1"),
])
def test_a_malformed_file_is_refused_naming_what_is_wrong(
        unit: Any, name: str, where: str) -> None:
    def run() -> Any:
        who, _ids, camt = prepare_camt()
        data = {"camt_missing_amount": camt.replace(b'<Amt Ccy="RON">77.77</Amt>', b""),
                "camt_bad_xml": b"<?xml version='1.0'?>\n<Document><BkToCstmrStmt>",
                "not_a_statement": b"Hello",
                }.get(name) or fixture(name)
        with pytest.raises(ValidationError) as caught:
            statements.import_statement(who, data, name)
        return caught.value.fields["file"][0]

    assert where in unit(run)


def test_a_malformed_file_books_nothing(unit: Any) -> None:
    who, _ids, camt = unit(prepare_camt)
    broken = camt.replace(b"<CdtDbtInd>DBIT</CdtDbtInd>", b"<CdtDbtInd>XX</CdtDbtInd>")
    with pytest.raises(ValidationError):
        unit(lambda: statements.import_statement(who, broken, "broken.xml"))
    assert unit(lambda: (_payments(), session().scalar(
        select(func.count()).select_from(StatementLine)))) == (0, 0)
