"""Document numbering: issuing numbers under concurrency, and the gap report of a long series.

    .venv/bin/python -m bench.numbering [--rows 100000] [--threads 1,4,8]
                                        [--database-url URL] [--repeat 15] [--keep]

Loads an invoice-like series (``F-{year}-{seq:06d}``, restarting yearly) that has issued
``--rows`` numbers over six years, two of them missing, then times

- ``core.numbering.next_number`` each in its own transaction, from 1, 4 and 8 threads
  at once on the same series (the counter row is locked until commit, so issuers queue):
  numbers per second, and each issue's latency; afterwards it checks that every number
  was given exactly once;
- ``gap_report`` of the whole series, with its peak Python memory (``tracemalloc``);
- the series admin page (``/admin/numbering/<code>``) and its CSV gap report, rendered
  through the Flask test client by an administrator.

Figures go to stdout as a Markdown table, progress to stderr.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import func, select, text

from bench.common import (
    Timing,
    analyze,
    arguments,
    build_app,
    bulk_insert,
    measure,
    phase,
    say,
    server_version,
    table,
    throwaway_database,
)
from bench.related import fix_sequence
from core.kernel import kontora

CODE = "BENCH-INV"
YEARS = range(2021, 2027)
MISSING = 2  # values deliberately absent from the first year, for the report to find
PER_THREAD = 200


def add_series(app: Flask, rows: int) -> int:
    """The series, its yearly counters and ``rows`` issued numbers; returns the series id."""
    from core.numbering.models import NumberCounter, NumberSeries

    engine = kontora(app).db.engine
    per_year = max(1, rows // len(YEARS))
    with app.app_context(), kontora(app).db.unit() as s:
        series = NumberSeries(code=CODE, kind="bench.invoice", label="Facturi / Фактури",
                              pattern="F-{year}-{seq:06d}", yearly_reset=True)
        s.add(series)
        s.flush()
        s.add_all(NumberCounter(series_id=series.id, period=str(year), next_value=per_year + 1)
                  for year in YEARS)
        series_id = series.id

    def issued() -> Iterator[tuple[Any, ...]]:
        record_id = 0
        for year in YEARS:
            start = datetime(year, 1, 1, 8, tzinfo=UTC)
            for seq in range(1, per_year + 1):
                record_id += 1
                if year == YEARS[0] and seq in range(2, 2 + MISSING):
                    continue
                yield (series_id, str(year), seq, f"F-{year}-{seq:06d}", "bench.invoice",
                       record_id, start + timedelta(minutes=seq * 5))

    bulk_insert(engine, "core_issued_number",
                ("series_id", "period", "seq", "number", "record_kind", "record_id",
                 "issued_at"), issued())
    fix_sequence(engine, "core_issued_number")
    return series_id


def add_admin(app: Flask) -> Any:
    """A signed-in test client of an administrator (the series page needs numbering.audit)."""
    from core.identity.models import User
    from core.identity.users import staff_session_id
    from core.permissions.models import Role

    with app.app_context(), kontora(app).db.unit() as s:
        user = User(login="bench.admin", name="Administrator")
        user.roles.append(Role(name="bench-admin", label="Admin", grants_all=True))
        s.add(user)
        s.flush()
        session_id = staff_session_id(user)
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["_user_id"] = session_id
        sess["_fresh"] = True
    return client


def issue_concurrently(app: Flask, threads: int, per_thread: int) -> tuple[float, list[float]]:
    """``threads`` issuers, ``per_thread`` numbers each, every number its own transaction."""
    from core.numbering import next_number

    k = kontora(app)
    latencies: list[float] = []
    lock = threading.Lock()
    gate = threading.Barrier(threads)

    def issuer() -> None:
        mine = []
        with app.app_context():
            gate.wait()
            for i in range(per_thread):
                start = time.perf_counter()
                with k.db.unit():
                    next_number(CODE, record_kind="bench.invoice", record_id=i)
                mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=issuer) for _ in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - start, latencies


def check_unique(app: Flask) -> str:
    """Every value of this year's period issued once, none missing."""
    from core.db import session
    from core.numbering.models import IssuedNumber

    year = str(datetime.now(UTC).year)
    with app.app_context(), kontora(app).db.unit():
        row = session().execute(
            select(func.count(), func.count(IssuedNumber.seq.distinct()),
                   func.max(IssuedNumber.seq))
            .where(IssuedNumber.period == year)).one()
    total, distinct, top = row
    assert total == distinct == top, f"period {year}: {total} issued, {distinct} distinct, " \
                                     f"highest {top}"
    return f"{total:,} numbers in {year}, no duplicate or gap"


def main() -> None:
    args = arguments(__doc__.splitlines()[0], rows=100_000, extra=[
        ("--threads", {"default": "1,4,8", "help": "concurrent issuers to time (default 1,4,8)"})])
    threads = [int(n) for n in args.threads.split(",") if n]
    with (throwaway_database(args.database_url, keep=args.keep) as url,
          tempfile.TemporaryDirectory() as instance):
        app = build_app(url, Path(instance), "parties")
        engine = kontora(app).db.engine
        with phase(f"loading {args.rows:,} issued numbers"):
            series_id = add_series(app, args.rows)
        with phase("VACUUM ANALYZE"):
            analyze(engine)
        version = server_version(engine)
        timings = []
        for n in threads:
            elapsed, latencies = issue_concurrently(app, n, PER_THREAD)
            latencies.sort()
            p95 = latencies[max(0, -(-95 * len(latencies) // 100) - 1)]
            rate = len(latencies) / elapsed
            say(f"  {n} issuers: {rate:,.0f} numbers/s")
            timings.append(Timing(f"next_number, {n} concurrent issuer(s), one series",
                                  statistics.median(latencies), p95, len(latencies),
                                  f"{rate:,.0f} numbers/s in all"))
        say("  " + check_unique(app))

        def report() -> int:
            from core.numbering import gap_report
            from core.numbering.models import NumberSeries

            with app.app_context(), kontora(app).db.unit() as s:
                reports = gap_report(s.get(NumberSeries, series_id))
                return sum(r.count for r in reports)

        slow = max(3, args.repeat // 5)
        tracemalloc.start()
        report()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        timings.append(measure("gap_report of the whole series", report, repeat=slow,
                               note=lambda n: f"{n:,} numbers; peak Python memory "
                                              f"{peak:.0f} MiB (tracemalloc, separate run)"))
        admin = add_admin(app)
        for case, path in [("series page `/admin/numbering/<code>`", f"/admin/numbering/{CODE}"),
                           ("CSV gap report", f"/admin/numbering/{CODE}/report.csv")]:
            def get(path: str = path) -> int:
                response = admin.get(path)
                assert response.status_code == 200, (path, response.status_code)
                return len(response.data)

            timings.append(measure(case, get, repeat=slow,
                                   note=lambda size: f"{size / 2**20:.1f} MiB"))
        with engine.connect() as conn:
            issued = conn.scalar(text("SELECT count(*) FROM core_issued_number"))
        kontora(app).db.dispose()
    print(f"\n`bench.numbering --rows {args.rows}` on {version} ({issued:,} numbers at the end)\n")
    print(table(timings))


if __name__ == "__main__":
    main()
