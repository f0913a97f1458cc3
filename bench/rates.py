"""Throughput on a whole company: each rate through Kontora beside a bare baseline, same run.

    .venv/bin/python -m bench.rates [--size full|small] [--database-url URL | --server URL]
                                    [--redis-url URL] [--repeat 5] [--only 1,2,...]
                                    [--profile] [--keep]

Without ``--database-url`` it builds the company of ``bench.company`` on a throw-away
database of ``--server`` (full size: 100,000 clients, 1,000,000 activities and their sales
trail; it takes many minutes); ``--database-url`` reuses one built before (``bench.company
--keep`` prints its URL). ``--size small`` is a smoke run on a small company.

Jobs go to Redis (``--redis-url``), to a queue of this run's own that no worker reads and
that is emptied at the end, as in production, where PDFs, e-mails and e-invoices are a
worker's business; the rates below are what the web and API processes do. The rates:

1. offer -> order -> invoice chains (create with three lines, send, accept, convert,
   convert: each step one unit of work through the services, as ``bench.peer_kontora``),
   beside plain SQLAlchemy Core inserts of the same rows (the offer, order and invoice with
   their lines, copied from a chain the services made), one transaction per chain;
2. issuing those invoices into one series from four processes at once, with a check that
   the numbers have no gap and no duplicate, beside four processes each locking a counter
   row (``SELECT ... FOR UPDATE``), incrementing it and inserting a row;
3. the invoice's PDF job beside a bare WeasyPrint render of the same HTML (``bench.pdf``);
4. the CSV import of clients through the parties import (upload, start, the job), rows per
   second, beside ``executemany`` of the same rows in batches of the same size, and the
   import's peak resident memory at a tenth of the rows and at all of them (each import in
   a fresh process; the peak is ``VmHWM`` after resetting it, less the RSS before);
5. mailbox ingest from a real Dovecot (``tests/plugins/leads/mailbox/dovecot.py``) through
   the leads mailbox reader, beside a bare IMAP fetch of the same messages;
6. a CAMT.053 statement import (payments: parse, match, book), lines per second, beside
   parsing with lxml and inserting the same lines.

Figures go to stdout as a Markdown table, progress to stderr. ``--profile`` prints the top
functions (cProfile, cumulative) of the in-process Kontora sides.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import multiprocessing
import pstats
import queue
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import Table, create_engine, event, insert, select, text
from sqlalchemy.engine import make_url

from bench import company, pdf
from bench.common import (
    DEFAULT_SERVER,
    app_config,
    build_app,
    phase,
    say,
    server_version,
    throwaway_database,
)
from bench.data import principal
from core.kernel import kontora

PROCESSES = 4
UPLOADS = {"KONTORA_UPLOAD_MAX_BYTES": str(64 * 2**20)}
"""100,000 client rows of the import are about 9 MB of CSV, above the default limit; an
office importing that many raises ``KONTORA_UPLOAD_MAX_BYTES`` the same way."""


@dataclass(frozen=True)
class Size:
    rows: int  # clients of the company built
    activities: int
    chains: int  # offer -> order -> invoice chains, then issued
    bare_issues: int  # rows of the bare lock-and-insert loop, all processes together
    imports: int  # clients in the big CSV (the small one has a tenth)
    messages: int
    lines: int  # statement lines


SIZES = {
    "full": Size(100_000, 1_000_000, 200, 2_000, 100_000, 500, 1_000),
    "small": Size(150, 600, 4, 40, 200, 6, 12),
}


@dataclass
class Rate:
    case: str
    kontora: float  # per second
    bare: float
    count: int
    target: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class Run:
    app: Flask
    config: dict[str, Any]
    actor: Any
    user_id: int
    size: Size
    profile: bool
    folder: Path
    profiles: dict[str, pstats.Stats] = field(default_factory=dict)

    def timed(self, name: str, func: Callable[[], Any]) -> tuple[float, Any]:
        """Seconds ``func`` took, and its result (profiled with ``--profile``)."""
        profiler = cProfile.Profile() if self.profile else None
        if profiler:
            profiler.enable()
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
        if profiler:
            profiler.disable()
            self.profiles[name] = pstats.Stats(profiler)
        return elapsed, result

    def unit(self) -> Any:
        return _unit(self.app)


@contextmanager
def _unit(app: Flask) -> Iterator[Any]:
    with app.test_request_context(), kontora(app).db.unit() as sess:
        yield sess


# --- 1. chains ------------------------------------------------------------------------------


def chain(run: Run, client_id: int, products: list[int]) -> tuple[int, int, int]:
    """One offer -> order -> invoice chain; returns (offer, order, invoice) ids."""
    from core.conversions import convert
    from plugins.offers.services import accept_offer, create_offer, send_offer

    actor = run.actor
    with run.unit():
        offer_id = create_offer(actor, {
            "title": f"Bench chain {client_id}", "party_id": client_id, "currency": "RON",
            "lines": [{"product_id": products[j], "quantity": str(j + 1)}
                      for j in range(3)]}).id
    with run.unit():
        send_offer(actor, offer_id)
    with run.unit():
        accept_offer(offer_id, principal=actor)
    with run.unit():
        order_id = convert(actor, "offers.offer", offer_id, "orders.order").target_id
    with run.unit():
        invoice_id = convert(actor, "orders.order", order_id, "invoicing.invoice").target_id
    return offer_id, order_id, invoice_id


def chains(run: Run) -> tuple[Rate, list[int], int]:
    """Rate 1; returns it, the timed chains' draft invoices and the warm-up chain's one
    (the timed chains are ``chains`` plus one warm-up draft for each issuing process)."""
    from plugins.catalog.models import Product
    from plugins.parties.models import Client

    n = run.size.chains + PROCESSES  # the issuers' warm-up drafts too
    with run.unit() as s:
        products = list(s.scalars(select(Product.id).order_by(Product.id).limit(3)))
        offset = s.scalar(select(Client.id).order_by(Client.id)
                          .offset(run.size.rows // 3).limit(1)) or 1
        clients = list(s.scalars(select(Client.id).where(Client.id >= offset,
                                                         Client.email.is_not(None))
                                 .order_by(Client.id).limit(n + 1)))
    assert len(products) == 3 and len(clients) == n + 1, (products, len(clients))
    engine = kontora(run.app).db.engine
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement.lstrip().split(None, 1)[0].upper())

    event.listen(engine, "before_cursor_execute", count)
    warm = chain(run, clients[0], products)
    event.remove(engine, "before_cursor_execute", count)
    elapsed, made = run.timed("1. chains", lambda: [chain(run, c, products)
                                                    for c in clients[1:]])
    copy = ChainCopy(run.app, warm)
    bare_elapsed = _seconds(lambda: [copy.insert() for _ in range(n)])
    inserts = statements.count("INSERT")
    rate = Rate("offer → order → invoice chains", n / elapsed, n / bare_elapsed, n,
                note=f"Kontora runs {len(statements)} statements a chain ({inserts} INSERT) "
                     f"in five units of work; bare: {copy.rows} INSERTs in one")
    return rate, [m[2] for m in made], warm[2]


class ChainCopy:
    """The rows of one chain (documents and their lines), inserted again with plain Core:
    primary keys new, foreign keys to rows of the chain pointed at the copies, unique values
    cleared (numbers) or made new (tokens)."""

    def __init__(self, app: Flask, ids: tuple[int, int, int]) -> None:
        from plugins.invoicing.models import BillingDocument, InvoiceLine
        from plugins.offers.models import Offer, OfferLine
        from plugins.orders.models import Order, OrderLine

        self.engine = kontora(app).db.engine
        self.plan: list[tuple[Table, list[dict[str, Any]]]] = []
        with self.engine.connect() as conn:
            for (head, line), doc_id in zip([(Offer, OfferLine), (Order, OrderLine),
                                             (BillingDocument, InvoiceLine)], ids, strict=True):
                head_t, line_t = head.__table__, line.__table__
                parent = next(c for c in line_t.c
                              if any(fk.column.table is head_t for fk in c.foreign_keys))
                self.plan.append((head_t, [dict(r._mapping) for r in conn.execute(
                    select(head_t).where(head_t.c.id == doc_id))]))
                self.plan.append((line_t, [dict(r._mapping) for r in conn.execute(
                    select(line_t).where(parent == doc_id).order_by(line_t.c.id))]))
        self.rows = sum(len(rows) for _t, rows in self.plan)

    def insert(self) -> None:
        new_ids: dict[tuple[str, int], int] = {}
        with self.engine.begin() as conn:
            for table, rows in self.plan:
                for row in rows:
                    values = {k: v for k, v in row.items() if k != "id"}
                    for column in table.c:
                        for fk in column.foreign_keys:
                            key = (fk.column.table.name, values.get(column.name))
                            if key in new_ids:
                                values[column.name] = new_ids[key]
                    _unclash(table, values)
                    new_ids[(table.name, row["id"])] = conn.execute(
                        insert(table).returning(table.c.id), values).scalar_one()


def _unique_sets(table: Table) -> list[list[Any]]:
    """The column lists of the table's unique constraints and indexes (key aside)."""
    found = [[c] for c in table.c if c.unique and not c.primary_key]
    found += [list(i.columns) for i in table.indexes if i.unique]
    found += [list(c.columns) for c in table.constraints
              if type(c).__name__ == "UniqueConstraint"]
    return found


def _unclash(table: Table, values: dict[str, Any]) -> None:
    """Make a copied row's unique values new: a NULL in one nullable column of each unique
    set (NULLs never clash), or else a fresh random text in one of its text columns."""
    for columns in _unique_sets(table):
        if any(values.get(c.name) is None for c in columns):
            continue
        nullable = [c for c in columns if c.nullable]
        if nullable:
            values[nullable[0].name] = None
            continue
        text_column = next((c for c in columns if getattr(c.type, "length", None) or
                            type(c.type).__name__ in ("String", "Text")), None)
        if text_column is not None:
            length = getattr(text_column.type, "length", None) or 32
            values[text_column.name] = uuid.uuid4().hex[:length]


# --- 2. issuing from four processes ------------------------------------------------------------


def _issuer(config: dict[str, Any], user_id: int, warm: int, ids: list[int],
            profile: str | None, gate: Any, out: Any) -> None:
    from core.app import create_app
    from plugins.invoicing.services import issue_invoice

    app = create_app(config)
    actor = principal(app, user_id)
    with _unit(app):  # untimed: first templates, plans and imports of this process
        issue_invoice(actor, warm)
    profiler = cProfile.Profile() if profile else None
    gate.wait()
    start = time.time()
    if profiler:
        profiler.enable()
    for doc_id in ids:
        with _unit(app):
            issue_invoice(actor, doc_id)
    end = time.time()
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    out.put((start, end, len(ids)))
    kontora(app).db.dispose()


def _locker(url: str, count: int, gate: Any, out: Any) -> None:
    engine = _bare_engine(url)
    gate.wait()
    start = time.time()
    for _ in range(count):
        with engine.begin() as conn:
            value = conn.scalar(text("SELECT value FROM bench_rates_counter WHERE id = 1"
                                     + (" FOR UPDATE" if engine.dialect.name == "postgresql"
                                        else "")))
            conn.execute(text("UPDATE bench_rates_counter SET value = :v WHERE id = 1"),
                         {"v": value + 1})
            conn.execute(text("INSERT INTO bench_rates_row (seq) VALUES (:v)"),
                         {"v": value + 1})
    out.put((start, time.time(), count))
    engine.dispose()


def _bare_engine(url: str) -> Any:
    """A plain engine; on SQLite a transaction takes the write lock at ``BEGIN`` (as the
    kernel's does), so the read-increment-write is serialised there too."""
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url)
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _connect(dbapi: Any, record: Any) -> None:
        dbapi.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _context() -> Any:
    """Worker processes are forked (they start in a blink with everything imported; a
    spawned one imports the application again, seconds each on a busy machine). Each
    builds its own application and engine; the parent's pool is emptied before, so no
    connection is shared."""
    for app in _APPS:
        kontora(app).db.engine.dispose()
    return multiprocessing.get_context("fork")


_APPS: list[Flask] = []


def _result(out: Any, procs: list[Any]) -> Any:
    """The next result a worker puts on ``out``; a worker that died first fails the run
    instead of leaving it waiting."""
    while True:
        try:
            return out.get(timeout=5)
        except queue.Empty:
            dead = [p for p in procs if not p.is_alive() and p.exitcode != 0]
            if dead:
                raise RuntimeError(f"a worker process failed (exit {dead[0].exitcode})") \
                    from None


def _in_processes(target: Callable[..., None], shares: list[tuple[Any, ...]]) -> float:
    """Run ``target(*share, gate, out)`` in one process per share; the rate is all
    the work done over the span from the first start to the last end."""
    ctx = _context()
    gate, out = ctx.Barrier(len(shares)), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*share, gate, out)) for share in shares]
    for proc in procs:
        proc.start()
    results = [_result(out, procs) for _ in procs]
    for proc in procs:
        proc.join()
        if proc.exitcode != 0:
            raise RuntimeError(f"a worker process failed (exit {proc.exitcode})")
    span = max(r[1] for r in results) - min(r[0] for r in results)
    return sum(r[2] for r in results) / span


def issuing(run: Run, drafts: list[int]) -> tuple[Rate, str]:
    """Rate 2: the first draft of each process is its untimed warm-up; every number issued
    (warm-ups too) is checked for gaps and duplicates."""
    from core.numbering.models import IssuedNumber
    from plugins.invoicing.models import BillingDocument

    warm, timed = drafts[:PROCESSES], drafts[PROCESSES:]
    profiles = [str(run.folder / f"issuer-{i}.prof") if run.profile else None
                for i in range(PROCESSES)]
    shares = [(run.config, run.user_id, warm[i], timed[i::PROCESSES], profiles[i])
              for i in range(PROCESSES)]
    rate = _in_processes(_issuer, shares)
    if run.profile:
        run.profiles[f"2. issuing ({PROCESSES} processes together)"] = pstats.Stats(*profiles)
    invoices = drafts
    with run.unit() as s:
        numbers = s.execute(select(IssuedNumber.series_id, IssuedNumber.period, IssuedNumber.seq)
                            .where(IssuedNumber.record_kind == "invoicing.invoice",
                                   IssuedNumber.record_id.in_(invoices))).all()
        issued = s.scalar(select(text("count(*)")).select_from(BillingDocument).where(
            BillingDocument.id.in_(invoices), BillingDocument.status == "issued"))
        check = _gap_check(numbers, len(invoices), issued)
        series, period, low, high = _span(numbers)
        others = s.scalar(select(text("count(*)")).select_from(IssuedNumber).where(
            IssuedNumber.series_id == series, IssuedNumber.period == period,
            IssuedNumber.seq.between(low, high))) - len(numbers)
    assert others == 0, f"{others} other numbers inside the run's range"
    bare = bare_issuing(run)
    ratio = rate / bare
    return Rate(f"invoices issued into one series, {PROCESSES} processes", rate, bare,
                len(timed), "≥ 1/2 of bare", ratio >= 0.5,
                f"bare: {run.size.bare_issues:,} rows; {check}"), check


def _span(numbers: list[Any]) -> tuple[int, str, int, int]:
    keys = {(n.series_id, n.period) for n in numbers}
    assert len(keys) == 1, f"numbers in several series or periods: {keys}"
    series, period = keys.pop()
    seqs = [n.seq for n in numbers]
    return series, period, min(seqs), max(seqs)


def _gap_check(numbers: list[Any], expected: int, issued: int) -> str:
    seqs = sorted(n.seq for n in numbers)
    duplicates = len(seqs) - len(set(seqs))
    gaps = (seqs[-1] - seqs[0] + 1 - len(set(seqs))) if seqs else 0
    assert issued == expected == len(seqs), f"{issued} issued, {len(seqs)} numbers, " \
                                           f"{expected} expected"
    assert duplicates == 0 and gaps == 0, f"{duplicates} duplicates, {gaps} gaps"
    return f"{len(seqs)} numbers, {seqs[0]} to {seqs[-1]}: no gap, no duplicate"


def bare_issuing(run: Run) -> float:
    url = str(kontora(run.app).db.engine.url.render_as_string(hide_password=False))
    engine = _bare_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS bench_rates_row"))
        conn.execute(text("DROP TABLE IF EXISTS bench_rates_counter"))
        conn.execute(text("CREATE TABLE bench_rates_counter (id INTEGER PRIMARY KEY, "
                          "value INTEGER NOT NULL)"))
        serial = "SERIAL" if engine.dialect.name == "postgresql" else "INTEGER"
        conn.execute(text(f"CREATE TABLE bench_rates_row (id {serial} PRIMARY KEY, "
                          "seq INTEGER NOT NULL)"))
        conn.execute(text("INSERT INTO bench_rates_counter VALUES (1, 0)"))
    each = run.size.bare_issues // PROCESSES
    rate = _in_processes(_locker, [(url, each)] * PROCESSES)
    with engine.begin() as conn:
        total, distinct, top = conn.execute(text(
            "SELECT count(*), count(DISTINCT seq), max(seq) FROM bench_rates_row")).one()
        conn.execute(text("DROP TABLE bench_rates_row"))
        conn.execute(text("DROP TABLE bench_rates_counter"))
    engine.dispose()
    assert total == distinct == top == each * PROCESSES, (total, distinct, top)
    return rate


# --- 3. the invoice PDF -----------------------------------------------------------------------


def invoice_pdf(run: Run, invoice_id: int, repeat: int) -> Rate:
    file_id, html = pdf.draft_file(run.app, invoice_id, "invoicing.invoice")
    bare, job = pdf.cases(run.app, 3, file_id, html, repeat, what="invoice")
    ratio = job.median / bare.median
    return Rate("invoice PDF (the render job)", 1000 / job.median, 1000 / bare.median, repeat,
                "≤ 1.3x bare time", ratio <= 1.3,
                f"{ratio:.2f}x the bare render's median ({job.median:.0f} / "
                f"{bare.median:.0f} ms)")


# --- 4. CSV import ----------------------------------------------------------------------------


def _csv(path: Path, rows: int, tag: str) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Name", "Kind", "Country", "E-mail", "Phone", "City"])
        for i in range(rows):
            writer.writerow([f"Import {tag} {i:06d} SRL", "legal_entity", "RO",
                             f"import.{tag}.{i}@example.com", f"+40 721 {i:06d}", "Brașov"])


def _memory(name: str) -> int:
    """``VmRSS`` or ``VmHWM`` of this process, in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


def _importer(config: dict[str, Any], user_id: int, path: str, out: Any) -> None:
    from core.app import create_app
    from core.jobs.runner import run_job
    from plugins.parties.imports.service import start, upload
    from plugins.parties.models import ImportRun

    app = create_app(config)
    actor = principal(app, user_id)
    with _unit(app), open(path, "rb") as stream:
        done = upload(actor, "clients", Path(path).name, stream)
        start(actor, done.id, mapping=done.mapping, duplicates="skip", dry_run=False)
        import_id = done.id
    before = _memory("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    began = time.perf_counter()
    run_job(app, "parties.import", {"import_id": import_id})
    elapsed = time.perf_counter() - began
    peak = _memory("VmHWM")
    with _unit(app) as s:
        finished = s.get(ImportRun, import_id)
        created, status = finished.created_count, finished.status
    out.put((created, status, elapsed, before, peak))
    kontora(app).db.dispose()


def _import_in_process(run: Run, path: Path) -> tuple[int, str, float, int, int]:
    ctx = _context()
    out = ctx.Queue()
    proc = ctx.Process(target=_importer, args=(run.config, run.user_id, str(path), out))
    proc.start()
    result = _result(out, [proc])
    proc.join()
    return result


def csv_import(run: Run, folder: Path) -> Rate:
    from core.db import utcnow
    from plugins.parties.duplicates import name_key
    from plugins.parties.imports.runner import BATCH
    from plugins.parties.models import Client

    big, small = run.size.imports, max(1, run.size.imports // 10)
    tag = uuid.uuid4().hex[:6]
    files = {n: folder / f"clients-{n}.csv" for n in (small, big)}
    for n, path in files.items():
        _csv(path, n, f"{tag}{n}")
    results = {}
    for n, path in files.items():
        say(f"  importing {n:,} clients in a fresh process...")
        created, status, elapsed, before, peak = _import_in_process(run, path)
        assert status == "done" and created == n, (status, created, n)
        results[n] = (elapsed, max(0, peak - before))
    bare_path = folder / "clients-bare.csv"
    _csv(bare_path, big, f"{tag}b")
    engine = kontora(run.app).db.engine
    now = utcnow()

    def bare() -> None:
        with bare_path.open(newline="", encoding="utf-8") as stream:
            reader = csv.reader(stream)
            next(reader)
            batch: list[dict[str, Any]] = []
            for name, kind, country, email, phone, _city in reader:
                batch.append({"kind": kind, "status": "prospect", "name": name,
                              "name_key": name_key(name), "country": country, "email": email,
                              "phone": phone, "relationship_type": "customer",
                              "vat_check_status": "unchecked",
                              "owner_id": run.user_id, "created_by_id": run.user_id,
                              "updated_by_id": run.user_id, "created_at": now,
                              "updated_at": now, "version": 1})
                if len(batch) == BATCH:
                    with engine.begin() as conn:
                        conn.execute(insert(Client.__table__), batch)
                    batch = []
            if batch:
                with engine.begin() as conn:
                    conn.execute(insert(Client.__table__), batch)

    bare_elapsed = _seconds(bare)
    kontora_rate, bare_rate = big / results[big][0], big / bare_elapsed
    ratio = kontora_rate / bare_rate
    return Rate(f"CSV import of {big:,} clients", kontora_rate, bare_rate, big,
                "≥ 1/4 of bare", ratio >= 0.25,
                f"peak RSS growth {results[small][1] / 1024:.0f} MiB at {small:,} rows, "
                f"{results[big][1] / 1024:.0f} MiB at {big:,}")


# --- 5. mailbox ingest ------------------------------------------------------------------------


def _messages(run: Run, n: int) -> list[bytes]:
    """Enquiries as they arrive: a third from clients' known addresses, some replies."""
    from plugins.parties.models import Client

    with run.unit() as s:
        known = list(s.scalars(select(Client.email).where(Client.email.is_not(None))
                               .order_by(Client.id).limit(max(1, n // 3))))
    rng = random.Random(19)
    out = []
    for i in range(n):
        msg = EmailMessage()
        sender = known[i % len(known)] if i % 3 == 0 else f"prospect{i}@firma{i % 37}.ro"
        msg["From"] = f"Client {i} <{sender}>"
        msg["To"] = "office@furnizor.test"
        msg["Subject"] = ("Re: " if i % 5 == 0 else "") + f"Cerere ofertă mobilier #{i}"
        msg["Date"] = format_datetime(datetime_utc(i))
        msg["Message-ID"] = make_msgid(domain="bench.test")
        body = "Bună ziua,\n\nVă rog o ofertă pentru " + \
            ", ".join(rng.choice(["birouri", "scaune", "dulapuri", "mese", "rafturi"])
                      for _ in range(8)) + ".\n\nMulțumesc,\nClient\n"
        msg.set_content(body * 4)
        if i % 4 == 0:
            msg.add_alternative(f"<p>{body * 4}</p>", subtype="html")
        out.append(bytes(msg))
    return out


def datetime_utc(i: int) -> Any:
    from datetime import UTC, datetime, timedelta

    return datetime(2026, 11, 2, 8, tzinfo=UTC) + timedelta(minutes=7 * i)


def mailbox(run: Run) -> Rate | None:
    import imaplib

    from plugins.leads.mailbox.fetcher import parse_url
    from plugins.leads.mailbox.ingest import fetch_folder
    from tests.plugins.leads.mailbox.dovecot import BINARY, PASSWORD, Dovecot

    if not Path(BINARY).exists():
        say(f"  {BINARY} is missing: mailbox ingest not measured")
        return None
    n = run.size.messages
    server = Dovecot()
    try:
        server.start()
        login = server.new_user()
        server.append(login, *_messages(run, n))

        def bare() -> int:
            client = imaplib.IMAP4("127.0.0.1", server.port, timeout=30)
            client.login(login, PASSWORD)
            client.select("INBOX", readonly=True)
            _status, data = client.uid("SEARCH", None, "ALL")
            count = 0
            for uid in data[0].split():
                _status, fetched = client.uid("FETCH", uid, "(BODY.PEEK[])")
                count += sum(1 for item in fetched if isinstance(item, tuple))
            client.logout()
            return count

        bare_elapsed, fetched = run.timed("5. bare fetch", bare)
        assert fetched == n, fetched

        def ingest() -> Any:
            with run.app.app_context():
                return fetch_folder(parse_url(server.url(login)))

        elapsed, result = run.timed("5. mailbox ingest", ingest)
        assert result.imported == n and not result.error, result
    finally:
        server.stop()
    return Rate("mailbox ingest (IMAP, Dovecot)", n / elapsed, n / bare_elapsed, n,
                note="bare: login, UID SEARCH and a FETCH per message, nothing stored")


# --- 6. bank statement ------------------------------------------------------------------------


def _statement(run: Run, n: int) -> bytes:
    """A CAMT.053 of ``n`` entries: most name open invoices, some only the payer's IBAN,
    some nobody known, a few outgoing."""
    from plugins.invoicing.models import BillingDocument
    from plugins.parties.models import BankAccount

    with run.unit() as s:
        invoices = s.execute(select(BillingDocument.number, BillingDocument.total_gross)
                             .where(BillingDocument.status == "issued",
                                    BillingDocument.doc_type == "invoice",
                                    BillingDocument.currency == "RON")
                             .order_by(BillingDocument.id.desc()).limit(n)).all()
        ibans = list(s.scalars(select(BankAccount.iban).order_by(BankAccount.id).limit(n)))
    entries = []
    for i in range(n):
        kind = i % 10
        if kind < 6 and invoices:
            number, amount = invoices[i % len(invoices)]
            remittance, iban = f"Plata factura {number}", ""
        elif kind < 8:
            amount, remittance = Decimal("123.45"), "Contravaloare servicii"
            iban = ibans[i % len(ibans)] if ibans else ""
        else:
            amount, remittance, iban = Decimal("77.77"), "Avans", "RO09BCYP0000001234567890"
        direction = "DBIT" if kind == 9 else "CRDT"
        party = "Dbtr" if direction == "CRDT" else "Cdtr"
        entries.append(
            f"<Ntry><Amt Ccy=\"RON\">{Decimal(amount):.2f}</Amt>"
            f"<CdtDbtInd>{direction}</CdtDbtInd><Sts>BOOK</Sts>"
            f"<BookgDt><Dt>2026-11-{1 + i % 28:02d}</Dt></BookgDt>"
            f"<AcctSvcrRef>BENCH-{i:06d}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties>"
            f"<{party}><Nm>Client {i}</Nm></{party}>"
            + (f"<{party}Acct><Id><IBAN>{iban}</IBAN></Id></{party}Acct>" if iban else "")
            + "</RltdPties>"
            f"<RmtInf><Ustrd>{remittance}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>")
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"
            "<BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-11-30T18:00:00</CreDtTm>"
            f"</GrpHdr><Stmt><Id>BENCH-{uuid.uuid4().hex[:12]}</Id>"
            "<Acct><Id><IBAN>RO49AAAA1B31007593840000</IBAN></Id><Ccy>RON</Ccy></Acct>"
            + "".join(entries) + "</Stmt></BkToCstmrStmt></Document>").encode()


def statement(run: Run) -> Rate:
    from lxml import etree

    from plugins.payments.models import StatementLine
    from plugins.payments.services.statements import import_statement

    n = run.size.lines
    data = _statement(run, n)

    def kontora_import() -> dict[str, Any]:
        with run.unit():
            result = import_statement(run.actor, data, "bench.xml")
            return {**result, "statement": result["statement"].id}

    elapsed, counts = run.timed("6. statement import", kontora_import)
    assert counts["new"] == n, counts
    engine = kontora(run.app).db.engine
    ns = {"c": "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"}

    def bare() -> None:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        rows = []
        for i, entry in enumerate(root.iterfind(".//c:Ntry", ns)):
            amount = entry.find("c:Amt", ns)
            credit = entry.findtext("c:CdtDbtInd", namespaces=ns) == "CRDT"
            rows.append({
                "statement_id": counts["statement"], "account": "RO49AAAA1B31007593840000",
                "fingerprint": f"bare-{uuid.uuid4().hex}",
                "booked_on": date.fromisoformat(entry.findtext("c:BookgDt/c:Dt", namespaces=ns)),
                "amount": Decimal(amount.text), "currency": amount.get("Ccy"), "credit": credit,
                "remittance": entry.findtext(".//c:Ustrd", namespaces=ns),
                "counterparty_name": entry.findtext(".//c:Nm", namespaces=ns),
                "counterparty_iban": entry.findtext(".//c:IBAN", namespaces=ns),
                "bank_reference": entry.findtext("c:AcctSvcrRef", namespaces=ns),
                "state": "unmatched" if credit else "outgoing", "line": i})
        for row in rows:
            del row["line"]
        with engine.begin() as conn:
            conn.execute(insert(StatementLine.__table__), rows)

    bare_elapsed = _seconds(bare)
    return Rate("bank statement import (CAMT.053)", n / elapsed, n / bare_elapsed, n,
                note=f"{counts['matched']} matched and booked, {counts['review']} to review; "
                     "bare: lxml parse and one executemany, no matching")


# --- the run -----------------------------------------------------------------------------------


def _seconds(func: Callable[[], Any]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def _said(rate: Rate) -> Rate:
    say(f"  {rate.case}: {rate.kontora:,.1f}/s beside bare {rate.bare:,.1f}/s "
        f"({rate.kontora / rate.bare:.2f}); {rate.note}")
    return rate


def table(rates: list[Rate]) -> str:
    lines = ["| rate | Kontora /s | bare /s | Kontora ÷ bare | target | met | count | note |",
             "|---|---:|---:|---:|---|---|---:|---|"]
    for r in rates:
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(f"| {r.case} | {r.kontora:,.1f} | {r.bare:,.1f} | "
                     f"{r.kontora / r.bare:.2f} | {r.target} | {met} | {r.count:,} | {r.note} |")
    return "\n".join(lines)


def _admin_user(app: Flask) -> int:
    from core.identity.models import User

    with app.app_context(), kontora(app).db.unit() as s:
        found = s.scalar(select(User.id).where(User.login == company.LOGIN))
    return found if found is not None else company._admin(app)


@contextmanager
def _queue(redis_url: str) -> Iterator[dict[str, Any]]:
    """This run's own job queue on Redis (emptied afterwards); inline jobs without Redis."""
    if not redis_url:
        yield dict(UPLOADS)
        return
    from redis import Redis
    from rq import Queue

    name = f"bench-rates-{uuid.uuid4().hex[:8]}"
    try:
        yield {"KONTORA_REDIS_URL": redis_url, "KONTORA_QUEUE": name, **UPLOADS}
    finally:
        connection = Redis.from_url(redis_url)
        Queue(name, connection=connection).empty()
        connection.delete(f"rq:queue:{name}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--database-url", default=None,
                        help="a database bench.company built (kept with --keep); without it "
                             "the company is built on a throw-away database of --server")
    parser.add_argument("--server", default=DEFAULT_SERVER,
                        help="PostgreSQL server for the throw-away database, or sqlite://")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0",
                        help="Redis the jobs are queued on ('' runs them inline)")
    parser.add_argument("--repeat", type=int, default=5, help="timed PDF renders")
    parser.add_argument("--profile", action="store_true",
                        help="print cProfile's top functions of the in-process Kontora sides")
    parser.add_argument("--keep", action="store_true",
                        help="keep the throw-away database and print its URL")
    parser.add_argument("--only", default="1,2,3,4,5,6",
                        help="the rates to measure, by number (default all)")
    return parser.parse_args()


@contextmanager
def _database(args: argparse.Namespace) -> Iterator[tuple[str, bool]]:
    if args.database_url:
        yield args.database_url, False
        return
    with throwaway_database(args.server, keep=args.keep) as url:
        yield url, True


def measure_all(run: Run, args: argparse.Namespace, instance: Path) -> tuple[list[Rate], str]:
    """The rates ``--only`` names (all by default; 2 and 3 need the drafts of 1)."""
    wanted = {int(n) for n in args.only.split(",") if n.strip()}
    rates: list[Rate] = []
    check = ""
    if wanted & {1, 2, 3}:
        with phase("1. chains"):
            rate, drafts, spare = chains(run)
        rates.append(_said(rate))
        if 3 in wanted:
            with phase("3. invoice PDF (before its draft is issued)"):
                pdf_rate = _said(invoice_pdf(run, spare, args.repeat))
        if 2 in wanted:
            with phase(f"2. issuing from {PROCESSES} processes"):
                rate, check = issuing(run, drafts)
            rates.append(_said(rate))
            say("  " + check)
        if 3 in wanted:
            rates.append(pdf_rate)
    if 4 in wanted:
        with phase("4. CSV import"):
            rates.append(_said(csv_import(run, instance)))
    if 5 in wanted:
        with phase("5. mailbox ingest"):
            mail = mailbox(run)
        rates += [_said(mail)] if mail is not None else []
    if 6 in wanted:
        with phase("6. statement import"):
            rates.append(_said(statement(run)))
    return rates, check


def main() -> None:
    args = arguments()
    size = SIZES[args.size]
    with (tempfile.TemporaryDirectory() as tmp, _database(args) as (url, fresh),
          _queue(args.redis_url) as jobs):
        instance = Path(tmp)
        app = build_app(url, instance, company.PLUGINS, extra=jobs)
        config = app_config(url, instance, company.PLUGINS, jobs)
        version = server_version(kontora(app).db.engine)
        say(f"database: {version}")
        if fresh:
            company.load(app, size.rows, size.activities)
        user_id = _admin_user(app)
        _APPS.append(app)
        run = Run(app, config, principal(app, user_id), user_id, size, args.profile, instance)
        rates, check = measure_all(run, args, instance)
        kontora(app).db.dispose()
    print(f"\n`bench.rates --size {args.size}` on {version}, {date.today()}\n")
    print(table(rates))
    if check:
        print(f"\nissued numbers: {check}")
    for name, stats in run.profiles.items():
        stream = io.StringIO()
        stats.stream = stream  # type: ignore[attr-defined]
        stats.sort_stats("cumulative").print_stats(25)
        print(f"\n### profile: {name}\n\n```\n{stream.getvalue().strip()}\n```")


if __name__ == "__main__":
    main()
