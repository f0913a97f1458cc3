"""The daily job with a controllable clock: one reminder per threshold, expiry, activation."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from core.db import session
from core.web.models import Notification
from plugins.contracts import services
from plugins.contracts.models import Contract, ReminderSent
from tests.plugins.contracts.conftest import STAFF, as_staff, make_client, make_user, unit


def _active(app, end: str, start: str | None = None, status: str = "active") -> tuple:
    def run():
        ann = make_user("ann", STAFF, email="ann@firm.test")
        client = make_client("Acme SRL", ann)
        contract = services.create_contract(as_staff(ann), {
            "title": "Service", "party_id": client.id, "currency": "RON", "value": "100",
            "start_date": start, "end_date": end})
        contract.status = status
        return contract.id, ann
    return unit(app, run)


def _notes() -> int:
    return session().scalar(select(func.count()).select_from(Notification))


def test_reminders_fire_once_per_threshold_and_expiry_follows(capp, smtp_inbox):
    contract_id, ann = _active(capp, "2026-03-31")
    unit(capp, lambda: services.update_settings(as_staff(ann), {"reminder_days": "30, 7,1"}))
    runs = [(date(2026, 2, 1), 0), (date(2026, 3, 1), 1), (date(2026, 3, 2), 0),
            (date(2026, 3, 24), 1), (date(2026, 3, 25), 0), (date(2026, 3, 30), 1),
            (date(2026, 3, 31), 0)]
    for today, expected in runs:
        counts = unit(capp, lambda t=today: services.run_daily(today=t))
        assert counts["reminded"] == expected, today
    assert unit(capp, _notes) == 3
    assert unit(capp, lambda: sorted(session().scalars(select(ReminderSent.days)))) == \
        [1, 7, 30]
    mails = [m for m in smtp_inbox.messages if m["To"] == "ann@firm.test"]
    assert len(mails) == 3 and "expires in 30 days" in mails[0]["Subject"]
    counts = unit(capp, lambda: services.run_daily(today=date(2026, 4, 1)))
    assert counts["expired"] == 1
    assert unit(capp, lambda: session().get(Contract, contract_id).status) == "expired"


def test_late_contract_gets_one_reminder_for_all_crossed_thresholds(capp):
    _active(capp, "2026-03-10")
    counts = unit(capp, lambda: services.run_daily(today=date(2026, 3, 5)))
    assert counts["reminded"] == 1
    assert unit(capp, lambda: sorted(session().scalars(select(ReminderSent.days)))) == [7, 30]
    assert unit(capp, _notes) == 1


def test_signed_contract_becomes_active_on_its_start_date(capp):
    contract_id, _ann = _active(capp, "2026-12-31", start="2026-03-01", status="signed")
    unit(capp, lambda: services.run_daily(today=date(2026, 2, 28)))
    assert unit(capp, lambda: session().get(Contract, contract_id).status) == "signed"
    assert unit(capp, lambda: services.run_daily(today=date(2026, 3, 1)))["activated"] == 1
    assert unit(capp, lambda: session().get(Contract, contract_id).status) == "active"
