"""Payment reminders over real SMTP: one e-mail per schedule step and invoice, however
often the daily run repeats, none once the invoice is paid."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from core.db import session
from core.kernel import kontora
from core.numbering.series import seed_series
from plugins.payments import services
from plugins.payments.models import ReminderSent
from plugins.payments.services.reminders import send_reminders
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.payments.conftest import PLUGINS, issued_invoice, setup

ISSUED = date(2026, 3, 2)  # due 30 days later: 2026-04-01
DUE = ISSUED + timedelta(days=30)


@pytest.fixture
def mail_app(make_app: Any, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch) -> Any:  # noqa: F811
    monkeypatch.setenv("KONTORA_PAYMENT_REMINDER_DAYS", "-3,0,7,30")
    app = make_app(PLUGINS, KONTORA_SMTP_URL=smtp_inbox.url)
    with app.app_context(), kontora(app).db.unit() as s:
        seed_series(s, kontora(app).collect("kontora_number_series"))
    return app


def _run(app: Any, day: date) -> int:
    with app.app_context(), kontora(app).db.unit():
        return send_reminders(day)


def test_one_reminder_per_step_until_paid(mail_app: Any, smtp_inbox: Inbox) -> None:  # noqa: F811
    with mail_app.app_context(), kontora(mail_app).db.unit():
        _user, who, client = setup()
        doc = issued_invoice(who, client, "100", issued=ISSUED)
        number, client_id, doc_id = doc.number, client.id, doc.id
    assert _run(mail_app, DUE - timedelta(days=5)) == 0   # before the first step
    assert _run(mail_app, DUE - timedelta(days=3)) == 1   # three days before
    assert _run(mail_app, DUE - timedelta(days=2)) == 0   # the same step: nothing again
    assert _run(mail_app, DUE) == 1                       # on the day
    assert _run(mail_app, DUE) == 0
    with mail_app.app_context(), kontora(mail_app).db.unit():
        services.record_payment(who, {
            "party_id": client_id, "method": "transfer", "amount": "119.00",
            "currency": "RON", "paid_on": DUE.isoformat(),
            "allocations": [{"record_id": doc_id}]})
    assert _run(mail_app, DUE + timedelta(days=8)) == 0   # paid: no more reminders
    mails = [m for m in smtp_inbox.messages if m["To"] == "client@example.com"]
    assert len(mails) == 2
    assert number in mails[0]["Subject"] and "119,00\xa0lei" in mails[0].get_body(
        ("plain",)).get_content()
    with mail_app.app_context(), kontora(mail_app).db.unit():
        steps = session().scalars(select(ReminderSent.step).order_by(ReminderSent.step)).all()
    assert steps == [-3, 0]


def test_a_late_start_sends_one_reminder_for_every_step_crossed(
        mail_app: Any, smtp_inbox: Inbox) -> None:  # noqa: F811
    with mail_app.app_context(), kontora(mail_app).db.unit():
        _user, who, client = setup()
        issued_invoice(who, client, "100", issued=ISSUED)
    assert _run(mail_app, DUE + timedelta(days=10)) == 1
    assert _run(mail_app, DUE + timedelta(days=11)) == 0
    assert _run(mail_app, DUE + timedelta(days=30)) == 1
    assert len(smtp_inbox.messages) == 2
