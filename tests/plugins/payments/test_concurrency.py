"""Concurrent payments of one invoice never allocate more than it owes, and concurrent
confirmations of one card payment book it once. Separate processes on the leg's database
(PostgreSQL's row locks are the point; SQLite serialises writers and retries)."""

from __future__ import annotations

import multiprocessing
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from core.kernel import kontora
from plugins.payments.models import Allocation, Checkout, Payment
from tests.plugins.payments.conftest import PLUGINS, issued_invoice, setup

PROCESSES = 4


def _worker(config: dict[str, str], user_id: int, party_id: int, doc_id: int,
            started: Any, what: str) -> str:
    """In a fresh process: pay 50.00 towards the invoice, or confirm the card checkout."""
    from core.app import create_app
    from core.errors import Conflict, DatabaseBusy, ValidationError
    from core.identity.models import User
    from core.identity.users import staff_principal
    from plugins.payments import services
    from tests.conftest import test_plugin_infos

    app = create_app(config, extra_plugins=test_plugin_infos())
    db = kontora(app).db
    started.wait()
    with app.app_context():
        for _attempt in range(20):
            try:
                with db.unit() as s:
                    if what == "confirm":
                        services.confirm("demo", "chk_race", "demo-chk_race")
                        return "confirmed"
                    who = staff_principal(s.get(User, user_id))
                    services.record_payment(who, {
                        "party_id": party_id, "method": "transfer", "amount": "50.00",
                        "currency": "RON", "paid_on": "2026-03-05",
                        "allocations": [{"record_id": doc_id}]})
                    return "paid"
            except ValidationError:
                return "refused"
            except (Conflict, DatabaseBusy):  # SQLite's write lock timed out: try again
                continue
    db.dispose()
    return "gave up"


def _run(make_app: Any, database_url: str, tmp_path: Any, what: str) -> tuple[Any, list[str]]:
    app = make_app(PLUGINS)
    k = kontora(app)
    with app.app_context(), k.db.unit() as s:
        from core.numbering.series import seed_series

        seed_series(s, k.collect("kontora_number_series"))
        user, who, client = setup()
        doc = issued_invoice(who, client, "100")  # 119.00
        s.add(Checkout(token="chk_race", provider="demo", record_kind="invoicing.invoice",
                       record_id=doc.id, party_id=client.id, amount=Decimal("119.00"),
                       currency="RON"))
        ids = (user.id, client.id, doc.id)
    config = {"KONTORA_DATABASE_URL": database_url,
              "KONTORA_INSTANCE_PATH": str(tmp_path / "instance"),
              "KONTORA_PLUGINS": PLUGINS,
              "KONTORA_SECRET_KEY": "test-secret-key-not-for-production"}
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        started = manager.Event()
        with context.Pool(PROCESSES) as pool:
            pending = [pool.apply_async(_worker, (config, *ids, started, what))
                       for _ in range(PROCESSES)]
            started.set()
            results = [p.get(timeout=300) for p in pending]
    return app, sorted(results)


def test_concurrent_payments_never_over_allocate_one_invoice(make_app, database_url, tmp_path):
    app, results = _run(make_app, database_url, tmp_path, "pay")
    assert results == ["paid", "paid", "paid", "refused"]
    with app.app_context(), kontora(app).db.unit() as s:
        parts = sorted(s.scalars(select(Allocation.amount)).all())
        assert parts == [Decimal("19.00"), Decimal("50.00"), Decimal("50.00")]
        assert s.scalar(select(func.count()).select_from(Payment)) == 3


def test_concurrent_confirmations_of_one_card_payment_book_once(make_app, database_url,
                                                                tmp_path):
    app, results = _run(make_app, database_url, tmp_path, "confirm")
    assert results == ["confirmed"] * PROCESSES
    with app.app_context(), kontora(app).db.unit() as s:
        assert [(p.method, p.amount) for p in s.scalars(select(Payment))] == \
            [("card", Decimal("119.00"))]
        assert s.scalar(select(func.sum(Allocation.amount))) == Decimal("119.00")
