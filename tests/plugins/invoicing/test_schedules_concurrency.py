"""Two processes run the billing job at once on the same day, each with its own clock set:
every due month of every schedule is invoiced exactly once (the unique schedule + period
row, inserted first, makes the slower run skip). PostgreSQL's row locks are the point;
SQLite serialises the writers and the loser retries after its lock timed out."""

from __future__ import annotations

import multiprocessing
from datetime import date
from typing import Any

from sqlalchemy import select

from core.kernel import kontora
from plugins.invoicing.models import BillingDocument, BillingRun
from plugins.invoicing.services.schedules import set_schedule
from tests.plugins.invoicing.conftest import ALL, make_contract, make_seller, make_user
from tests.plugins.invoicing.conftest import CONTRACT_PLUGINS as PLUGINS
from tests.plugins.invoicing.conftest import principal as as_principal
from tests.plugins.invoicing.test_schedules import KIND

PROCESSES = 2
CONTRACTS = 3
DAY = "2027-04-10"


def bill(config: dict[str, str], started: Any) -> dict[str, int]:
    """In a fresh process: run the billing job on DAY, again if SQLite's lock timed out."""
    from core.app import create_app
    from core.errors import Conflict, DatabaseBusy
    from core.jobs import clock
    from plugins.invoicing.services.schedules import run_schedules
    from tests.conftest import test_plugin_infos

    app = create_app(config, extra_plugins=test_plugin_infos())
    db = kontora(app).db
    started.wait()
    try:
        with app.app_context(), clock.frozen(date.fromisoformat(DAY)):
            while True:
                try:
                    with db.unit():
                        return run_schedules()
                except (Conflict, DatabaseBusy):
                    continue
    finally:
        db.dispose()


def test_concurrent_runs_invoice_each_period_once(make_iapp, database_url, tmp_path):
    app = make_iapp(PLUGINS)
    k = kontora(app)
    with app.app_context(), k.db.unit():
        make_seller()
        who = as_principal(make_user("anna", [*ALL, "contracts.read"]))
        for _ in range(CONTRACTS):
            set_schedule(who, KIND, make_contract().id, {"start_date": "2027-01-01"})
    config = {"KONTORA_DATABASE_URL": database_url,
              "KONTORA_INSTANCE_PATH": str(tmp_path / "instance"),
              "KONTORA_PLUGINS": PLUGINS,
              "KONTORA_SECRET_KEY": "test-secret-key-not-for-production"}
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        started = manager.Event()
        with context.Pool(PROCESSES) as pool:
            pending = [pool.apply_async(bill, (config, started)) for _ in range(PROCESSES)]
            started.set()
            results = [p.get(timeout=300) for p in pending]

    expected = CONTRACTS * 4  # January to April
    assert sum(r["created"] for r in results) == expected
    with app.app_context(), k.db.unit() as s:
        runs = s.execute(select(BillingRun.schedule_id, BillingRun.period_start,
                                BillingRun.document_id)).all()
        assert len(runs) == len({(r[0], r[1]) for r in runs}) == expected
        docs = s.scalars(select(BillingDocument.id)).all()
        assert sorted(docs) == sorted(r[2] for r in runs)
