"""What every benchmark shares: a throw-away database, the app on it, bulk loading, timing.

A benchmark builds its own database (``kontora_bench_<random>`` on the PostgreSQL server
given by ``--database-url``, or a temporary file for a ``sqlite://`` URL), migrates it the
way ``kontora db upgrade`` does, loads its rows in bulk (``COPY`` on PostgreSQL,
``executemany`` batches on SQLite), runs ``ANALYZE`` and drops the database at the end
(``--keep`` leaves it for ``EXPLAIN`` sessions and prints its URL).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
SQLITE_BATCH = 5_000


def arguments(description: str, rows: int,
              extra: Sequence[tuple[str, dict[str, Any]]] = ()) -> argparse.Namespace:
    """The command line every benchmark takes (``--rows``, ``--database-url``, ``--repeat``,
    ``--keep``) plus the script's own ``extra`` options (name, ``add_argument`` keywords)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--rows", type=int, default=rows,
                        help=f"size of the main table (default {rows:,})")
    parser.add_argument("--database-url", default=DEFAULT_SERVER,
                        help="PostgreSQL server to create the throw-away database on, "
                             "or sqlite:// for a temporary SQLite file")
    parser.add_argument("--repeat", type=int, default=15,
                        help="timed repetitions of each fast case (slow ones run fewer)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the database afterwards and print its URL")
    for name, options in extra:
        parser.add_argument(name, **options)
    return parser.parse_args()


# --- the database ---------------------------------------------------------------------------


@contextmanager
def throwaway_database(server_url: str, *, keep: bool = False) -> Iterator[str]:
    """The URL of a new, empty database, dropped (or deleted) on the way out."""
    url = make_url(server_url)
    if url.get_backend_name() == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="kontora-bench-"))
        try:
            yield f"sqlite:///{folder / 'bench.db'}"
        finally:
            if keep:
                say(f"kept {folder / 'bench.db'}")
            else:
                shutil.rmtree(folder, ignore_errors=True)
        return
    name = f"kontora_bench_{uuid.uuid4().hex[:10]}"
    _admin(url, f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        if keep:
            say(f"kept {url.set(database=name).render_as_string(hide_password=True)}")
        else:
            _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(url: Any, sql: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


def app_config(database_url: str, instance: Path, plugins: str,
               extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The settings :func:`build_app` gives ``create_app`` (plus ``extra``), for a script
    that builds the same application again in another process."""
    return {
        "KONTORA_DATABASE_URL": database_url,
        "KONTORA_INSTANCE_PATH": str(instance),
        "KONTORA_PLUGINS": plugins,
        "KONTORA_SECRET_KEY": "benchmark-secret-key-not-for-production",
        **(extra or {}),
    }


def build_app(database_url: str, instance: Path, plugins: str,
              blueprints: Sequence[Any] = (), extra: dict[str, Any] | None = None) -> Flask:
    """The application with ``plugins`` (``KONTORA_PLUGINS``) on ``database_url``, migrated;
    ``extra`` settings on top (``KONTORA_REDIS_URL`` ...)."""
    from core.app import create_app
    from core.kernel import kontora
    from core.migrations import Migrations

    app = create_app(app_config(database_url, instance, plugins, extra))
    for bp in blueprints:
        app.register_blueprint(bp)
    app.config["TESTING"] = True
    Migrations(kontora(app)).upgrade()
    return app


def bulk_insert(engine: Engine, table: str, columns: Sequence[str],
                rows: Iterable[Sequence[Any]]) -> int:
    """Insert ``rows`` into ``table`` as fast as the database allows; returns the count."""
    count = 0
    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            names = ", ".join(columns)
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            raw.commit()
        finally:
            raw.close()
        return count
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= SQLITE_BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch.clear()
        cursor.executemany(sql, batch)
        count += len(batch)
        raw.commit()
    finally:
        raw.close()
    return count


def analyze(engine: Engine) -> None:
    """Fresh planner statistics (and a vacuumed visibility map on PostgreSQL)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def server_version(engine: Engine) -> str:
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            return str(conn.scalar(text("SHOW server_version")))
        return "SQLite " + str(conn.scalar(text("SELECT sqlite_version()")))


# --- measuring ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """Milliseconds over ``runs`` repetitions (after one untimed warm-up)."""

    case: str
    median: float
    p95: float
    runs: int
    note: str = ""


def measure(case: str, func: Callable[[], Any], *, repeat: int,
            note: str | Callable[[Any], str] = "") -> Timing:
    """Time ``func`` ``repeat`` times with ``time.perf_counter``; prints and returns the figures.

    p95 is the nearest-rank 95th percentile, so with fewer than 20 runs it is the slowest run.
    """
    result = func()  # warm-up: caches, prepared plans, imports
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    rank = max(1, -(-95 * len(samples) // 100))  # ceil(0.95 n)
    timing = Timing(case, statistics.median(samples), samples[rank - 1], repeat,
                    note(result) if callable(note) else note)
    say(f"  {case}: median {timing.median:.2f} ms, p95 {timing.p95:.2f} ms"
        f"{'  (' + timing.note + ')' if timing.note else ''}")
    return timing


def table(timings: Sequence[Timing]) -> str:
    """The figures as a Markdown table, ready for docs/benchmarks.md."""
    lines = ["| case | median ms | p95 ms | runs | note |", "|---|---:|---:|---:|---|"]
    lines += [f"| {t.case} | {t.median:.2f} | {t.p95:.2f} | {t.runs} | {t.note} |"
              for t in timings]
    return "\n".join(lines)


class StatementLog:
    """The SQL statements an engine runs while :meth:`recording` (an N+1 shows as a repeat)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: list[str] = []

    def _on_execute(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self.statements.append(statement)

    @contextmanager
    def recording(self) -> Iterator[list[str]]:
        self.statements = []
        event.listen(self.engine, "before_cursor_execute", self._on_execute)
        try:
            yield self.statements
        finally:
            event.remove(self.engine, "before_cursor_execute", self._on_execute)

    def repeated(self) -> list[tuple[int, str]]:
        """Statements run more than once, with their count, most frequent first."""
        counts: dict[str, int] = {}
        for sql in self.statements:
            counts[sql] = counts.get(sql, 0) + 1
        return sorted(((n, sql) for sql, n in counts.items() if n > 1), reverse=True)


@contextmanager
def phase(title: str) -> Iterator[None]:
    """Print how long a setup step took (loading data is part of the story too)."""
    start = time.perf_counter()
    say(f"{title}...")
    yield
    say(f"  done in {time.perf_counter() - start:.1f} s")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
