"""Bank statement variants: CAMT.052 (intraday report) and CAMT.054 (notification) read by
the CAMT.053 parser, a report's movement repeated by the day's statement booked once; a
Romanian MT940 (BIC/IBAN account, ``/``-tagged ``:86:``, free text with a spaced IBAN); a
Bulgarian MT940 in Windows-1251; and a transfer without an invoice number matched by the
payer's IBAN and the exact open amount."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from core.db import session
from core.errors import ValidationError
from core.kernel import kontora
from plugins.payments.models import Payment, StatementLine
from plugins.payments.services import statements
from plugins.payments.services.statements import parse
from tests.plugins.payments.test_statements import (
    _payments,
    _status,
    fixture,
    prepare_camt,
    setup,
)

REPORT = {
    "camt.052": ("urn:iso:std:iso:20022:tech:xsd:camt.052.001.02", "BkToCstmrAcctRpt", "Rpt"),
    "camt.054": (
        "urn:iso:std:iso:20022:tech:xsd:camt.054.001.02",
        "BkToCstmrDbtCdtNtfctn",
        "Ntfctn",
    ),
}


def as_camt(data: bytes, kind: str, reference: str) -> bytes:
    """The CAMT.053 sample turned into a CAMT.052 report or a CAMT.054 notification."""
    namespace, body, item = REPORT[kind]
    text = data.decode().replace("urn:iso:std:iso:20022:tech:xsd:camt.053.001.02", namespace)
    text = text.replace("BkToCstmrStmt>", f"{body}>").replace("<Stmt>", f"<{item}>")
    text = text.replace("</Stmt>", f"</{item}>").replace("STMT-2026-064", reference)
    return text.encode()


def test_camt_052_and_054_are_read_and_the_days_statement_books_nothing_again(unit: Any) -> None:
    def run() -> Any:
        who, ids, data = prepare_camt()
        notice = as_camt(data, "camt.054", "NTF-0001")
        report = as_camt(data, "camt.052", "RPT-0001")
        kinds = (parse(notice).format, parse(report).format)
        first = statements.import_statement(who, notice, "notification.xml")
        second = statements.import_statement(who, report, "report.xml")
        final = statements.import_statement(who, data, "statement.xml")
        return kinds, first, second, final, _payments(), _status(who, ids["a"])

    kinds, first, second, final, payments, state = unit(run)
    assert kinds == ("camt.054", "camt.052")
    assert (first["new"], first["matched"], first["review"]) == (4, 1, 2)
    assert (second["new"], second["known"]) == (0, 4)
    assert (final["new"], final["known"], final["matched"]) == (0, 4, 0)
    assert payments == 1 and state == "paid"


def test_a_romanian_mt940_is_matched_by_the_number_in_a_tagged_86(unit: Any) -> None:
    def run() -> Any:
        who, ids, _camt = prepare_camt()
        number = session().get(kontora().kinds["invoicing.invoice"].model, ids["a"]).number
        data = fixture(
            "mt940_ro.sta", FIRST_AMOUNT_C="100,00", FIRST_NUMBER=number, SECOND_AMOUNT_C="59,50"
        )
        parsed = parse(data)
        done = statements.import_statement(who, data, "ro.sta")
        states = dict(
            session().execute(select(StatementLine.bank_reference, StatementLine.state)).all()
        )
        return parsed, done, states, {k: _status(who, v) for k, v in ids.items()}

    parsed, done, states, status = unit(run)
    assert (parsed.format, parsed.account) == ("mt940", "RO49AAAA1B31007593840000")
    first, second, fee = parsed.lines
    assert first.counterparty_iban == second.counterparty_iban == "RO66BACX0000001234567890"
    assert (first.amount, first.currency, first.credit, fee.credit) == (
        Decimal("100.00"),
        "RON",
        True,
        False,
    )
    assert states == {"BCR-5521": "matched", "BCR-5522": "ambiguous", "BCR-5523": "outgoing"}
    assert (done["matched"], done["review"]) == (1, 1)
    # A by its number only (100.00 of 119.00); B and C both fit 59.50: left to review
    assert status == {"a": "partially_paid", "b": "unpaid", "c": "unpaid"}


def test_a_transfer_without_a_number_is_matched_by_the_payers_iban_and_amount(unit: Any) -> None:
    def run() -> Any:
        who, ids, _camt = prepare_camt()
        data = fixture(
            "camt053_ro.xml",
            FIRST_AMOUNT="119.00",
            FIRST_NUMBER="servicii martie",
            SECOND_AMOUNT="59.50",
        )
        done = statements.import_statement(who, data, "stmt.xml")
        line = session().scalar(
            select(StatementLine).where(StatementLine.bank_reference == "BT-0001")
        )
        author = session().get(Payment, line.payment_id).created_by_id
        return done, line.state, _status(who, ids["a"]), author == who.user_id

    done, state, paid, by_importer = unit(run)
    assert (done["matched"], state, paid, by_importer) == (1, "matched", "paid", True)


def test_a_bulgarian_mt940_in_windows_1251_is_read(unit: Any) -> None:
    def run() -> Any:
        _user, _who, _client = setup()
        text = fixture("mt940_bg.sta", FIRST_AMOUNT_C="119,00", FIRST_NUMBER="0000000042").decode(
            "utf-8"
        )
        return parse(text.encode("cp1251"))

    parsed = unit(run)
    assert parsed.lines[0].counterparty_name == "КЛИЕНТ ЕООД"
    assert "ПЛАЩАНЕ ПО ФАКТУРА 0000000042" in parsed.lines[0].remittance


def test_a_pending_entry_of_an_intraday_report_is_not_booked(unit: Any) -> None:
    def run() -> Any:
        who, ids, data = prepare_camt()
        report = as_camt(data, "camt.052", "RPT-0002").replace(
            b"<Sts>BOOK</Sts>", b"<Sts><Cd>PDNG</Cd></Sts>", 1
        )
        pending = statements.import_statement(who, report, "report.xml")
        booked = statements.import_statement(who, data, "statement.xml")
        return pending, booked, _status(who, ids["a"])

    pending, booked, state = unit(run)
    assert (pending["new"], pending["matched"]) == (3, 0)  # the pending 119.00 left out
    assert (booked["new"], booked["known"], booked["matched"]) == (1, 3, 1)
    assert state == "paid"


def test_an_mt940_with_two_accounts_is_refused_naming_the_line(unit: Any) -> None:
    def run() -> Any:
        _user, _who, _client = setup()
        one = fixture("mt940_bg.sta", FIRST_AMOUNT_C="119,00", FIRST_NUMBER="1")
        two = one.replace(b"BG80BNBG96611020345678", b"BG80BNBG96611020345699")
        with pytest.raises(ValidationError) as caught:
            parse(one + two)
        return caught.value.fields["file"][0]

    assert unit(run).startswith("line 12 (:25:): a second account")
