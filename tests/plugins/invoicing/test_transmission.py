"""E-invoice transmission: after issue a job hands the UBL to the transmitter chosen by the
seller's country (``kontora_einvoice_transmitters``), retries temporary failures, records
pending / sent / failed with the message, never sends twice, and the page shows it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from core import hookimpl
from core.company import CompanyProfile
from core.db import session, utcnow
from core.jobs import drain_outbox
from core.kernel import kontora
from plugins.invoicing import services
from plugins.invoicing.services.transmission import MAX_RETRIES, transmission_of, transmit
from tests.plugins.invoicing.conftest import (
    browser,
    line,
    make_client,
    make_seller,
    make_user,
    principal,
)


class Platform:
    """A national platform for Romanian sellers: ``outcomes`` says what each call does (an
    exception to raise, or the answer); ``received`` keeps what it was given."""

    def __init__(self, *outcomes: Any) -> None:
        self.outcomes = list(outcomes)
        self.received: list[dict[str, Any]] = []

    @hookimpl
    def kontora_einvoice_transmitters(self) -> list[dict[str, Any]]:
        return [{"code": "spv", "label": "SPV", "countries": {"RO"}, "transmit": self.take}]

    def take(self, einvoice: dict[str, Any]) -> dict[str, Any]:
        outcome = self.outcomes.pop(0) if self.outcomes else self.outcomes_left()
        if isinstance(outcome, Exception):
            raise outcome
        self.received.append(einvoice)
        return outcome

    def outcomes_left(self) -> Any:
        raise AssertionError("called after its last outcome")


def _issue(app: Any, doc_type: str = "invoice", login: str = "anna") -> tuple[int, str, Any]:
    """Issue a document of a Romanian seller (made the first time) by a new user."""
    with app.app_context(), kontora(app).db.unit():
        user = make_user(login)
        who = principal(user)
        if session().get(CompanyProfile, 1) is None:
            make_seller()
        doc = services.create_invoice(
            who,
            {
                "party_id": make_client().id,
                "currency": "RON",
                "doc_type": doc_type,
                "lines": [line()],
            },
        )
        services.issue_invoice(who, doc.id, {"issue_date": "2026-03-02"})
        return doc.id, doc.number, user


def _row(app: Any, doc_id: int) -> Any:
    with app.app_context(), kontora(app).db.unit():
        row = transmission_of(doc_id)
        return row and (row.transmitter, row.status, row.attempts, row.message, row.reference)


def _later(app: Any, days: int) -> None:
    """Run the jobs due ``days`` days from now (past every backoff so far)."""
    with app.app_context():
        drain_outbox(app, now=utcnow() + timedelta(days=days))


def test_without_a_platform_the_log_transmitter_records_it_and_proformas_stay(iapp: Any) -> None:
    doc_id, _number, user = _issue(iapp)
    transmitter, status, attempts, message, _ref = _row(iapp, doc_id)
    assert (transmitter, status, attempts) == ("log", "sent", 1) and "logged" in message
    with iapp.app_context(), kontora(iapp).db.unit():
        web = browser(iapp, session().merge(user))
    assert 'data-transmission="sent"' in web.get(f"/invoicing/{doc_id}").get_data(as_text=True)
    proforma_id, _n, _u = _issue(iapp, "proforma", "bob")
    assert _row(iapp, proforma_id) is None


def test_a_temporary_failure_is_retried_and_the_xml_is_sent_once(iapp: Any) -> None:
    platform = Platform(
        ConnectionError("SPV unreachable"),
        ConnectionError("SPV busy"),
        {"status": "sent", "message": "Încărcat", "reference": "4211"},
    )
    kontora(iapp).pm.register(platform)
    doc_id, number, _user = _issue(iapp)
    assert _row(iapp, doc_id) == ("spv", "pending", 1, "ConnectionError: SPV unreachable", None)
    _later(iapp, 1)
    assert _row(iapp, doc_id)[1:4] == ("pending", 2, "ConnectionError: SPV busy")
    _later(iapp, 2)
    assert _row(iapp, doc_id) == ("spv", "sent", 3, "Încărcat", "4211")
    (sent,) = platform.received
    assert sent["number"] == number and sent["syntax"] == "UBL"
    assert sent["seller_country"] == "RO" and number.encode() in sent["xml"]
    with iapp.app_context(), kontora(iapp).db.unit():
        transmit(doc_id)  # the job again (a duplicate): a sent e-invoice is not resent
    assert len(platform.received) == 1


def test_a_refusal_or_the_last_failed_retry_shows_on_the_invoice(iapp: Any) -> None:
    platform = Platform(
        {"status": "failed", "message": "E: CIF invalid", "reference": None},
        *[TimeoutError("no answer")] * (MAX_RETRIES + 1),
    )
    kontora(iapp).pm.register(platform)
    refused_id, _number, user = _issue(iapp)
    assert _row(iapp, refused_id)[1:4] == ("failed", 1, "E: CIF invalid")
    down_id, _n, _u = _issue(iapp, "invoice", "bob")
    for day in range(1, MAX_RETRIES + 1):
        _later(iapp, day)
    assert _row(iapp, down_id)[1:4] == ("failed", MAX_RETRIES + 1, "TimeoutError: no answer")
    with iapp.app_context(), kontora(iapp).db.unit():
        web = browser(iapp, session().merge(user))
    page = web.get(f"/invoicing/{refused_id}").get_data(as_text=True)
    assert 'data-transmission="failed"' in page and "E: CIF invalid" in page
