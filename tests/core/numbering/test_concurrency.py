"""Several processes issue numbers of one series at once, some rolling back: no duplicate,
no gap, and a rolled-back issue consumes nothing. Runs on the leg's database."""

from __future__ import annotations

import multiprocessing
from typing import Any

from sqlalchemy import select

from core.kernel import kontora
from core.numbering import IssuedNumber, gap_report
from core.numbering.series import series_by_code

PROCESSES = 4
PER_PROCESS = 12


class Rollback(Exception):
    """Raised inside an issuing transaction to undo it."""


def issue(config: dict[str, str], worker: int, started: Any) -> tuple[list[str], int]:
    """In a fresh process: issue numbers, every third transaction rolled back."""
    from core.app import create_app
    from core.errors import Conflict
    from core.numbering import next_number
    from tests.conftest import test_plugin_infos

    app = create_app(config, extra_plugins=test_plugin_infos())
    db = kontora(app).db
    kept, rolled_back = [], 0
    started.wait()
    with app.app_context():
        n = 0
        while n < PER_PROCESS:
            try:
                with db.unit():
                    number = next_number("CONC", record_kind="sample.note", record_id=worker)
                    if n % 3 == 2:
                        raise Rollback
            except Rollback:
                rolled_back += 1
            except Conflict:  # SQLite's write lock timed out: the issuer tries again
                continue
            else:
                kept.append(number)
            n += 1
    db.dispose()
    return kept, rolled_back


def test_concurrent_issuers_get_unique_gap_free_numbers(make_app, database_url, tmp_path):
    app = make_app(plugins="sample")
    k = kontora(app)
    with app.app_context(), k.db.unit() as s:
        from core.numbering.models import NumberSeries

        s.add(NumberSeries(code="CONC", kind="sample.note", label="Concurrency",
                           pattern="C{seq:05d}", yearly_reset=False))
    config = {"KONTORA_DATABASE_URL": database_url,
              "KONTORA_INSTANCE_PATH": str(tmp_path / "instance"),
              "KONTORA_PLUGINS": "sample",
              "KONTORA_SECRET_KEY": "test-secret-key-not-for-production"}
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        started = manager.Event()
        with context.Pool(PROCESSES) as pool:
            pending = [pool.apply_async(issue, (config, w, started)) for w in range(PROCESSES)]
            started.set()
            results = [p.get(timeout=300) for p in pending]

    kept = [number for numbers, _ in results for number in numbers]
    rolled_back = sum(r for _, r in results)
    assert rolled_back == PROCESSES * (PER_PROCESS // 3)
    assert len(kept) == len(set(kept)) == PROCESSES * PER_PROCESS - rolled_back
    assert sorted(kept) == [f"C{n:05d}" for n in range(1, len(kept) + 1)]
    with app.app_context(), k.db.unit() as s:
        issued = s.scalars(select(IssuedNumber.number).order_by(IssuedNumber.seq)).all()
        assert issued == sorted(kept)
        [report] = gap_report(series_by_code("CONC"))
        assert report.complete and report.next_value == len(kept) + 1


def test_a_stale_sqlite_reader_is_told_to_try_again(make_app):
    """SQLite cannot move a read-only transaction that read an old snapshot to writing: 503
    (try again), no gap. A unit that may write begins IMMEDIATE and never meets this."""
    import pytest

    from core.errors import DatabaseBusy
    from core.numbering import next_number
    from core.numbering.models import NumberSeries

    app = make_app(plugins="sample")
    k = kontora(app)
    if k.db.dialect != "sqlite":
        pytest.skip("PostgreSQL waits for the row lock instead")
    with app.app_context():
        with k.db.unit() as s:
            s.add(NumberSeries(code="STALE", kind="sample.note", label="Stale",
                               pattern="S{seq}", yearly_reset=False))
        with pytest.raises(DatabaseBusy), k.db.unit(read_only=True) as s:
            s.scalars(select(NumberSeries)).all()  # this transaction's snapshot begins
            other = k.db.unit()
            other.open()
            assert next_number("STALE") == "S1"
            other.close(commit=True)
            next_number("STALE")
        with k.db.unit():
            assert next_number("STALE") == "S2"
