"""Client lists at a million rows: first pages, deep pages, sorts, filters, search, export.

    .venv/bin/python -m bench.listing [--rows 1000000] [--database-url URL] [--repeat 15]
                                      [--depths 10000,half] [--keep]

Loads ``--rows`` clients of the ``parties`` plugin (``parties.client``) into a throw-away
database and times, with the sales manager (scope ``all``) unless the case says otherwise:

- ``core.listing.list_records``: the first page of each sort, a page reached by cursor at
  each depth of ``--depths`` (``half`` = half the rows) next to an ``OFFSET`` query of the
  same depth and order, filters, record-rule scopes ``own`` and ``team``, search terms
  that are common, rare and Cyrillic, and ``count_records``;
- the web: the plugin's own client list (``/clients/``) and the kernel's generic list page
  for the same kind (mounted by this script at ``/bench/clients/``), each on page one and
  on a deep cursor, rendered in full through the Flask test client;
- the generic CSV export of one salesperson's clients (about a tenth of the rows), streamed:
  time and bytes, then once more under ``tracemalloc`` for the peak Python memory.

It prints the figures as a Markdown table (stdout) for ``docs/benchmarks.md``; progress
goes to stderr.
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask
from sqlalchemy import func, select, text

from bench.common import (
    Timing,
    analyze,
    arguments,
    build_app,
    measure,
    phase,
    say,
    server_version,
    table,
    throwaway_database,
)
from bench.data import STAFF, Staff, add_staff, load_clients, principal, signed_in
from core.kernel import kontora

PROPOSED_INDEXES = [
    # Sortable columns of parties.client that have no (column, id) index: every first
    # page sorted by them reads and sorts the whole table.
    "CREATE INDEX bench_client_status_id ON parties_client (status, id)",
    "CREATE INDEX bench_client_created_at_id ON parties_client (created_at, id)",
    "CREATE INDEX bench_client_updated_at_id ON parties_client (updated_at, id)",
    "CREATE INDEX bench_client_name_id ON parties_client (name, id)",
    # Record rule "own" and the owner filter on the default sort; exports stream through a
    # server-side cursor, which PostgreSQL plans for a fast start: a walk of the name index.
    "CREATE INDEX bench_client_owner_name_id ON parties_client (owner_id, name, id)",
    # The search box: ILIKE '%word%' on five columns can only be served by trigrams.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(f"CREATE INDEX bench_client_{col}_trgm ON parties_client USING gin ({col} gin_trgm_ops)"
      for col in ("name", "tax_id", "vat_number", "email", "phone")),
]
"""Indexes ``--proposed`` adds before timing (PostgreSQL), to measure the open findings."""

PAGE = 50
WALK = 500  # page size used to reach a deep page (the API's largest)
EXPORT_OWNER = STAFF[3][0]  # holds about a tenth of the clients


def bench_blueprint() -> Blueprint:
    """The kernel's generic pages for ``parties.client``, as a plugin would declare them."""
    from core.web.generic import Column, Filter, register_crud

    bp = Blueprint("bench", __name__, url_prefix="/bench")
    register_crud(
        bp, kind="parties.client", name="client", path="/clients",
        columns=["name", Column("kind", sortable=False), "status",
                 Column("country", sortable=False), Column("tax_id", sortable=False),
                 Column("email", sortable=False), "created_at"],
        filters=[Filter("status", type="select",
                        choices=[("prospect", "Prospect"), ("customer", "Customer")]),
                 Filter("country"), Filter("owner_id", type="number")],
        default_sort="name",
    )
    return bp


class Lists:
    """``list_records`` and friends, each call in its own unit of work like a request."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.k = kontora(app)

    def page(self, who: Any, **kw: Any) -> Any:
        from core.listing import list_records

        with self.app.app_context(), self.k.db.unit():
            return list_records(who, "parties.client", limit=kw.pop("limit", PAGE), **kw)

    def count(self, who: Any, **kw: Any) -> int:
        from core.listing import count_records

        with self.app.app_context(), self.k.db.unit():
            return count_records(who, "parties.client", **kw)

    def offset(self, depth: int, descending: bool = False) -> list[Any]:
        """The same order as the ``name`` list, skipped by ``OFFSET`` instead of sought."""
        from core.db import session
        from plugins.parties.models import Client

        order = ([Client.name.desc(), Client.id.desc()] if descending
                 else [Client.name.asc(), Client.id.asc()])
        with self.app.app_context(), self.k.db.unit():
            stmt = select(Client).order_by(*order).offset(depth).limit(PAGE + 1)
            return list(session().scalars(stmt))

    def cursor_at(self, who: Any, depth: int, sort: str = "name") -> tuple[str, float]:
        """The cursor after row ``depth`` (walked in pages of :data:`WALK`) and the walk's time."""
        start = time.perf_counter()
        cursor = None
        for _ in range(depth // WALK):
            cursor = self.page(who, sort=sort, cursor=cursor, limit=WALK).next_cursor
        assert cursor is not None, "the table is smaller than the depth"
        return cursor, time.perf_counter() - start


def run(app: Flask, staff: Staff, rows: int, repeat: int, depths: list[int]) -> list[Timing]:
    lists = Lists(app)
    admin, own, team = (principal(app, staff.admin), principal(app, staff.own),
                        principal(app, staff.team))
    slow = max(3, repeat // 3)
    items: Callable[[Any], str] = lambda page: f"{len(page.items)} rows"  # noqa: E731
    timings = []

    def add(case: str, func: Callable[[], Any], *, runs: int = repeat,
            note: str | Callable[[Any], str] = items) -> None:
        timings.append(measure(case, func, repeat=runs, note=note))

    say("list_records, first pages")
    for sort in ("name", "-name", "status", "created_at", "-updated_at"):
        add(f"first page, sort `{sort}`", lambda s=sort: lists.page(admin, sort=s),
            runs=repeat if sort.lstrip("-") == "name" else slow)

    say("deep pages: cursor against OFFSET")
    cursors: dict[int, str] = {}
    for depth in depths:
        cursor, walked = lists.cursor_at(admin, depth)
        cursors[depth] = cursor
        say(f"  reached depth {depth:,} in {depth // WALK} pages of {WALK}: {walked:.1f} s")
        add(f"page at depth {depth:,} by cursor, sort `name`",
            lambda c=cursor: lists.page(admin, sort="name", cursor=c))
        add(f"page at depth {depth:,} by OFFSET, same order",
            lambda d=depth: lists.offset(d), runs=slow,
            note=lambda r: f"{len(r)} rows")

    say("filters and record rules")
    smallest = staff.ids[STAFF[-1][0]]
    for case, kw in [("filter `status=customer`", {"filters": {"status": "customer"}}),
                     ("filter `country=MD`", {"filters": {"country": "MD"}}),
                     ("filter `owner_id` (1% of rows)", {"filters": {"owner_id": smallest}}),
                     ("filter `country=DE` + `status=customer`, sort `-name`",
                      {"filters": {"country": "DE", "status": "customer"}, "sort": "-name"})]:
        add(case, lambda kw=kw: lists.page(admin, **kw), runs=slow)
    add("record rule `own` (salesperson), sort `name`", lambda: lists.page(own))
    add("record rule `team` (salesperson), sort `name`", lambda: lists.page(team), runs=slow)
    own_depth = min(depths[0], lists.count(own) // 2 // WALK * WALK)
    if own_depth:  # too few rows of their own in a small run
        own_cursor, _walked = lists.cursor_at(own, own_depth)
        add(f"record rule `own`, page at depth {own_depth:,} by cursor",
            lambda: lists.page(own, cursor=own_cursor), runs=slow)

    say("search")
    tax_id, email = str(10_000_000 + rows * 2 // 3), f"office.{rows * 7 // 9}@"
    for case, term in [("search common word `Mobila`", "Mobila"),
                       ("search Cyrillic words `Мебел Варна`", "Мебел Варна"),
                       (f"search rare tax id `{tax_id}`", tax_id),
                       (f"search e-mail `{email}`", email),
                       ("search with no match `Zzyzx`", "Zzyzx")]:
        add(case, lambda t=term: lists.page(admin, search=t), runs=slow)

    say("counts")
    add("count_records, everything", lambda: lists.count(admin), runs=slow,
        note=lambda n: f"{n:,} rows")
    add("count_records, filter `status=customer`",
        lambda: lists.count(admin, filters={"status": "customer"}), runs=slow,
        note=lambda n: f"{n:,} rows")

    timings += web(app, staff, depths[0], cursors[depths[0]], repeat, slow)
    return timings


def web(app: Flask, staff: Staff, depth: int, deep_cursor: str, repeat: int,
        slow: int) -> list[Timing]:
    """Whole pages through the Flask test client, HTML rendered, as a signed-in browser."""
    browser = signed_in(app, staff, staff.admin)
    timings = []

    def get(url: str) -> str:
        response = browser.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return f"{len(response.data) // 1024} KiB HTML"

    say("web pages")
    for case, url in [("GET /clients/ (plugin page), page 1", "/clients/"),
                      (f"GET /clients/ at depth {depth:,} by cursor",
                       f"/clients/?cursor={deep_cursor}"),
                      ("GET /bench/clients/ (generic page), page 1", "/bench/clients/"),
                      (f"GET /bench/clients/ at depth {depth:,} by cursor",
                       f"/bench/clients/?cursor={deep_cursor}&page={depth // PAGE + 1}"),
                      ("GET /bench/clients/?q=Пловдив (generic, search)",
                       "/bench/clients/?q=Пловдив")]:
        timings.append(measure(case, lambda u=url: get(u), repeat=repeat, note=lambda n: n))

    owner = staff.ids[EXPORT_OWNER]
    url = f"/bench/clients/export.csv?owner_id={owner}"

    def export() -> tuple[int, int]:
        response = browser.get(url, buffered=False)
        assert response.status_code == 200
        size = lines = 0
        for chunk in response.iter_encoded():
            size += len(chunk)
            lines += chunk.count(b"\n")
        response.close()
        return size, lines - 1

    say("CSV export")
    tracemalloc.start()
    export()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    say(f"  peak Python memory while streaming it: {peak / 2**20:.1f} MiB")
    timings.append(measure(f"CSV export of one owner's clients ({url.split('?')[1]})",
                           export, repeat=slow,
                           note=lambda r: f"{r[1]:,} rows, {r[0] / 2**20:.1f} MiB; "
                                          f"peak Python memory {peak / 2**20:.1f} MiB "
                                          "(tracemalloc, separate run)"))
    return timings


def owners_share(app: Flask, staff: Staff) -> str:
    from core.db import session
    from plugins.parties.models import Client

    with app.app_context(), kontora(app).db.unit():
        n = session().scalar(select(func.count()).where(Client.owner_id == staff.ids[
            EXPORT_OWNER]))
    return f"{n:,}"


def add_indexes(engine: Any, statements: list[str]) -> None:
    if engine.dialect.name != "postgresql":
        say("  (PostgreSQL only; skipped)")
        return
    with engine.begin() as conn:
        for sql in statements:
            conn.execute(text(sql))


def parse_depths(text: str, rows: int) -> list[int]:
    depths = [rows // 2 if part == "half" else int(part) for part in text.split(",") if part]
    return [d - d % WALK for d in depths if WALK <= d < rows - PAGE] or [WALK]


def main() -> None:
    args = arguments(__doc__.splitlines()[0], rows=1_000_000,
                     extra=[("--depths", {"default": "10000,half",
                                          "help": "cursor depths to time (default 10000,half)"}),
                            ("--proposed", {"action": "store_true",
                                            "help": "add PROPOSED_INDEXES first (PostgreSQL)"})])
    with (throwaway_database(args.database_url, keep=args.keep) as url,
          tempfile.TemporaryDirectory() as instance):
        app = build_app(url, Path(instance), "parties", [bench_blueprint()])
        engine = kontora(app).db.engine
        staff = add_staff(app)
        with phase(f"loading {args.rows:,} clients"):
            load_clients(app, args.rows, staff)
        if args.proposed:
            with phase("adding the proposed indexes"):
                add_indexes(engine, PROPOSED_INDEXES)
        with phase("VACUUM ANALYZE"):
            analyze(engine)
        version = server_version(engine)
        say(f"{version}; the export owner holds {owners_share(app, staff)} clients")
        timings = run(app, staff, args.rows, args.repeat, parse_depths(args.depths, args.rows))
        kontora(app).db.dispose()
    flags = " --proposed" if args.proposed else ""
    print(f"\n`bench.listing --rows {args.rows}{flags}` on {version}\n")
    print(table(timings))


if __name__ == "__main__":
    main()
