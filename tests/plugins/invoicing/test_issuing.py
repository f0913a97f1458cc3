"""Issuing: numbers only at issue and gap-free, dates, rates, requisites, amounts in words;
issued documents refuse every change from the service; credit notes by lines."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from core.errors import Conflict, Forbidden, ValidationError
from plugins.invoicing import services
from plugins.invoicing.models import CreditNote
from plugins.invoicing.receivables import open_amount
from tests.plugins.invoicing.conftest import line, make_client, make_seller, make_user, principal


def _draft(**data: Any) -> Any:
    user = make_user("anna")
    make_seller()
    client = make_client()
    body = {"party_id": client.id, "currency": "RON",
            "lines": [line(), line("Licență", "1", "500", "9")], **data}
    return principal(user), services.create_invoice(principal(user), body)


def test_a_draft_has_no_number_and_issuing_gives_the_next_of_the_series(unit: Any) -> None:
    def run() -> tuple[Any, Any]:
        who, first = _draft()
        assert first.number is None and first.status == "draft"
        second = services.create_invoice(who, {"party_id": first.party_id, "currency": "RON",
                                              "lines": [line()]})
        services.issue_invoice(who, second.id, {"issue_date": "2026-03-02"})
        services.issue_invoice(who, first.id, {"issue_date": "2026-03-02"})
        return first.number, second.number

    first, second = unit(run)
    year = date.today().year
    assert second == f"FCT-{year}-00001" and first == f"FCT-{year}-00002"


def test_issue_fixes_dates_totals_per_rate_requisites_and_words(unit: Any) -> None:
    def run() -> Any:
        who, doc = _draft(payment_terms_days=15)
        services.issue_invoice(who, doc.id, {"issue_date": "2026-03-02"})
        return (doc.issue_date, doc.due_date, doc.total_net, doc.total_vat, doc.total_gross,
                json.loads(doc.buyer)["vat_number"], json.loads(doc.seller)["iban"],
                open_amount("invoicing.invoice", doc.id))

    issued, due, net, vat, gross, buyer_vat, iban, receivable = unit(run)
    assert issued == date(2026, 3, 2) and due == date(2026, 3, 17)
    assert (net, vat, gross) == (Decimal("1500.00"), Decimal("235.00"), Decimal("1735.00"))
    assert buyer_vat == "RO14399840" and iban == "RO49AAAA1B31007593840000"
    assert receivable["open"] == Decimal("1735.00") and receivable["currency"] == "RON"


def test_a_foreign_currency_invoice_takes_the_rate_of_its_issue_date(unit: Any) -> None:
    def run() -> Any:
        who, doc = _draft(currency="EUR")
        with pytest.raises(ValidationError) as missing:
            services.issue_invoice(who, doc.id, {"issue_date": "2026-03-02"})
        services.set_rate(who, {"currency": "EUR", "rate_date": "2026-02-27", "rate": "4.9750"})
        services.set_rate(who, {"currency": "EUR", "rate_date": "2026-03-03", "rate": "5.1000"})
        services.issue_invoice(who, doc.id, {"issue_date": "2026-03-02"})
        return missing.value.fields, doc.exchange_rate, doc.domestic_currency

    fields, rate, domestic = unit(run)
    assert "exchange_rate" in fields
    assert rate == Decimal("4.975") and domestic == "RON"


def test_the_bnr_daily_file_imports_rates_with_their_multiplier(unit: Any) -> None:
    xml = b"""<?xml version="1.0" encoding="utf-8"?>
<DataSet xmlns="http://www.bnr.ro/xsd"><Body><Cube date="2026-03-02">
<Rate currency="EUR">4.9762</Rate><Rate currency="HUF" multiplier="100">1.2741</Rate>
</Cube></Body></DataSet>"""

    def run() -> Any:
        who = principal(make_user("rita"))
        count = services.import_bnr_xml(who, xml)
        return count, services.rate_on("HUF", "RON", date(2026, 3, 4))

    assert unit(run) == (2, Decimal("0.012741"))


def test_an_issued_invoice_refuses_every_change_from_the_services(unit: Any) -> None:
    def run() -> None:
        who, doc = _draft()
        services.issue_invoice(who, doc.id)
        for attempt in (lambda: services.update_invoice(who, doc.id, {"notes": "x"}),
                        lambda: services.add_line(who, doc.id, line()),
                        lambda: services.remove_line(who, doc.id, doc.lines[0].id),
                        lambda: services.delete_invoice(who, doc.id),
                        lambda: services.issue_invoice(who, doc.id)):
            with pytest.raises(Conflict):
                attempt()

    unit(run)


def test_a_credit_note_reverses_chosen_lines_and_never_more_than_invoiced(unit: Any) -> None:
    def run() -> Any:
        who, doc = _draft()
        services.issue_invoice(who, doc.id)
        first = doc.lines[0]
        note = services.credit_invoice(who, doc.id, {"lines": [
            {"line_id": first.id, "quantity": "4"}]})
        with pytest.raises(ValidationError) as too_much:
            services.credit_invoice(who, doc.id, {"lines": [
                {"line_id": first.id, "quantity": "7"}]})
        rest = services.credit_invoice(who, doc.id)
        services.issue_invoice(who, note.id)
        return (isinstance(note, CreditNote), note.credit_of_id == doc.id, note.reference,
                doc.number, note.total_gross, too_much.value.fields,
                [(ln.quantity, ln.source_line_id) for ln in rest.lines], first.id,
                note.number is not None)

    (is_note, linked, ref, number, total, fields, rest_lines, first_id, numbered) = unit(run)
    assert is_note and linked and ref == number and numbered
    assert total == Decimal("-476.00")  # 4 h x 100 + 19 %
    assert "lines.0.quantity" in fields
    assert rest_lines[0] == (Decimal("-6"), first_id)


def test_lines_offer_only_the_clients_services_without_the_free_lines_permission(
        unit: Any) -> None:
    def run() -> None:
        from core.db import session
        from plugins.catalog.models import ClientService, Product

        limited = principal(make_user("sam", ["invoicing.read", "invoicing.write",
                                              "parties.read", "catalog.read"]))
        make_seller()
        client = make_client()
        assigned = Product(code="SUP", name="Support", unit="month", price=Decimal("300"),
                           currency="RON", vat_rate=Decimal("19"))
        other = Product(code="DEV", name="Development", unit="h", price=Decimal("80"),
                        currency="RON", vat_rate=Decimal("19"))
        session().add_all([assigned, other])
        session().flush()
        session().add(ClientService(client_id=client.id, product_id=assigned.id,
                                    price=Decimal("250")))
        session().flush()
        doc = services.create_invoice(limited, {"party_id": client.id, "currency": "RON",
                                                "lines": [{"product_id": assigned.id,
                                                           "quantity": "1"}]})
        assert doc.lines[0].unit_price == Decimal("250")
        with pytest.raises(ValidationError) as not_assigned:
            services.add_line(limited, doc.id, {"product_id": other.id, "quantity": "1"})
        assert "product_id" in not_assigned.value.fields
        with pytest.raises(Forbidden):
            services.add_line(limited, doc.id, line())

    unit(run)


def test_a_proforma_has_its_own_series_and_converts_into_an_invoice(unit: Any) -> None:
    def run() -> Any:
        from core.conversions import convert

        who, proforma = _draft(doc_type="proforma", payment_terms_days=10)
        services.issue_invoice(who, proforma.id)
        converted = convert(who, "invoicing.proforma", proforma.id, "invoicing.invoice")
        row = converted.record
        return proforma.number, proforma.status, row.doc_type, row.total_gross, \
            proforma.total_gross, row.payment_terms_days

    number, status, doc_type, gross, proforma_gross, terms = unit(run)
    assert number.startswith("PF-") and status == "converted"
    assert doc_type == "invoice" and gross == proforma_gross and terms == 10
