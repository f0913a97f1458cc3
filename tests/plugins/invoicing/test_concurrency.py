"""Four processes issue invoices of one series at once, every third issue rolled back: the
kept invoices carry unique numbers without a gap, and a rolled-back issue leaves its draft
unnumbered and its number to the next issuer. Runs on the leg's database (the point is
PostgreSQL's row locks; SQLite serialises writers and retries a timed-out lock)."""

from __future__ import annotations

import multiprocessing
from datetime import date
from typing import Any

from sqlalchemy import select

from core.kernel import kontora
from core.numbering import IssuedNumber, gap_report
from core.numbering.series import seed_series, series_by_code
from plugins.invoicing import services
from plugins.invoicing.models import BillingDocument
from tests.plugins.invoicing.conftest import PLUGINS, line, make_client, make_seller, make_user
from tests.plugins.invoicing.conftest import principal as as_principal

PROCESSES = 4
PER_PROCESS = 6
ISSUE_DATE = "2026-03-02"


class Rollback(Exception):
    """Raised inside an issuing transaction to undo it."""


def issue(config: dict[str, str], user_id: int, drafts: list[int],
          started: Any) -> tuple[list[tuple[int, str]], list[int]]:
    """In a fresh process: issue each draft in its own unit, every third rolled back."""
    from core.app import create_app
    from core.errors import Conflict, DatabaseBusy
    from core.identity.models import User
    from core.identity.users import staff_principal
    from tests.conftest import test_plugin_infos

    app = create_app(config, extra_plugins=test_plugin_infos())
    db = kontora(app).db
    kept: list[tuple[int, str]] = []
    rolled_back: list[int] = []
    started.wait()
    with app.app_context():
        n = 0
        while n < len(drafts):
            doc_id = drafts[n]
            try:
                with db.unit() as s:
                    who = staff_principal(s.get(User, user_id))
                    doc = services.issue_invoice(who, doc_id, {"issue_date": ISSUE_DATE})
                    number = doc.number
                    if n % 3 == 2:
                        raise Rollback
            except Rollback:
                rolled_back.append(doc_id)
            except (Conflict, DatabaseBusy):  # SQLite's write lock timed out: try again
                continue
            else:
                kept.append((doc_id, number))
            n += 1
    db.dispose()
    return kept, rolled_back


def test_concurrent_issuers_get_unique_gap_free_invoice_numbers(make_app, database_url,
                                                                 tmp_path):
    app = make_app(PLUGINS)
    k = kontora(app)
    with app.app_context(), k.db.unit() as s:
        seed_series(s, k.collect("kontora_number_series"))
        from core.documents.store import seed_templates

        seed_templates(s)
        user = make_user("anna")
        make_seller()
        client = make_client()
        who = as_principal(user)
        drafts = [[services.create_invoice(who, {"party_id": client.id, "currency": "RON",
                                                 "lines": [line()]}).id
                   for _ in range(PER_PROCESS)] for _ in range(PROCESSES)]
        user_id = user.id
    config = {"KONTORA_DATABASE_URL": database_url,
              "KONTORA_INSTANCE_PATH": str(tmp_path / "instance"),
              "KONTORA_PLUGINS": PLUGINS,
              "KONTORA_SECRET_KEY": "test-secret-key-not-for-production"}
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        started = manager.Event()
        with context.Pool(PROCESSES) as pool:
            pending = [pool.apply_async(issue, (config, user_id, mine, started))
                       for mine in drafts]
            started.set()
            results = [p.get(timeout=300) for p in pending]

    kept = dict(pair for issued, _ in results for pair in issued)
    rolled_back = [doc_id for _, back in results for doc_id in back]
    assert len(rolled_back) == PROCESSES * (PER_PROCESS // 3)
    numbers = sorted(kept.values())
    assert len(numbers) == len(set(numbers)) == PROCESSES * PER_PROCESS - len(rolled_back)
    year = date.today().year
    assert numbers == [f"FCT-{year}-{n:05d}" for n in range(1, len(numbers) + 1)]
    with app.app_context(), k.db.unit() as s:
        stored = dict(s.execute(select(BillingDocument.id, BillingDocument.number)
                                .where(BillingDocument.status == "issued")).all())
        assert stored == kept
        left = s.scalars(select(BillingDocument).where(BillingDocument.id.in_(rolled_back)))
        assert {(d.status, d.number) for d in left} == {("draft", None)}
        issued = s.scalars(select(IssuedNumber.number).where(
            IssuedNumber.record_kind == "invoicing.invoice").order_by(IssuedNumber.seq)).all()
        assert issued == numbers
        [report] = gap_report(series_by_code("invoices"))
        assert report.complete and report.next_value == len(numbers) + 1
