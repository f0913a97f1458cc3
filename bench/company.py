"""A believable company at full size, bulk loaded, and its busiest pages measured on it.

    .venv/bin/python -m bench.company [--rows 100000] [--activities 1000000]
                                      [--database-url URL] [--repeat 15] [--keep]

For ``--rows`` clients it loads what hangs off them (``bench.related``: addresses, about
three contact persons each with their e-mails and phones, bank accounts, tags, custom
values, audit), ``--activities`` activities with a long tail, every plugin's demo data (the
pipeline, the number series, products) and the sales trail of ``bench.sales``: two leads
per client, an offer per client with lines, orders, invoices with lines and numbers,
payments allocated to them; ``COPY`` on PostgreSQL. It prints how many rows each table got
and how long each step took, then renders the pages a salesperson opens all day, signed
in as an administrator, next to the bare baseline measured in the same run: one client
read by primary key through the same engine. Figures go to stdout as Markdown tables,
progress to stderr.
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import select, text

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
from bench.data import add_staff, load_clients
from bench.related import load_activities, load_related
from bench.sales import load_sales
from core.kernel import kontora

PLUGINS = ("parties,activities,catalog,leads,offers,orders,contracts,invoicing,payments,"
           "shipping,complaints")
LOGIN = "bench.company"


def load(app: Flask, rows: int, activities: int) -> tuple[list[str], int]:
    """Everything, step by step; returns the steps' table lines and the admin's user id."""
    steps: list[tuple[str, float]] = []

    def step(title: str, func: Any) -> Any:
        with phase(title):
            start = time.perf_counter()
            result = func()
            steps.append((title, time.perf_counter() - start))
        return result

    staff = step("staff", lambda: add_staff(app))
    step(f"{rows:,} clients", lambda: load_clients(app, rows, staff))
    related = step("addresses, contacts, bank accounts, tags, custom values, audit",
                   lambda: load_related(app, rows, staff))
    step(f"{activities:,} activities", lambda: load_activities(
        app, rows, activities, staff, heavy=[rows // 3, 2 * rows // 3]))
    k = kontora(app)

    def demo() -> None:
        with app.app_context(), k.db.unit() as session:
            k.call_in_order("kontora_demo_data", session=session)

    step("every plugin's demo data", demo)
    sales = step("leads, offers, orders, invoices, payments", lambda: load_sales(app, rows, staff))
    step("VACUUM ANALYZE", lambda: analyze(k.db.engine))
    admin = _admin(app)
    lines = ["| step | seconds |", "|---|---:|"]
    lines += [f"| {title} | {seconds:.1f} |" for title, seconds in steps]
    lines += ["", "| table | rows |", "|---|---:|"]
    counts = {**related, "activities_activity": activities, **sales}
    lines += [f"| `{name}` | {count:,} |" for name, count in counts.items()]
    return lines, admin


def _admin(app: Flask) -> int:
    """An administrator (every permission, scope ``all``) the pages are rendered for."""
    from core.identity.users import create_user
    from core.permissions.catalogue import seed_roles

    with app.app_context(), kontora(app).db.unit() as session:
        seed_roles(session)
        user = create_user(LOGIN, "Bench Company", password=None, roles=["admin"])
        session.flush()
        return int(user.id)


def pages(app: Flask, admin: int, rows: int, repeat: int) -> list[Timing]:
    """The bare one-row read, then each page through the Flask test client."""
    from core.identity.models import User
    from core.identity.users import staff_session_id
    from plugins.parties.models import Client

    engine = kontora(app).db.engine
    middle = max(1, rows // 2)
    with engine.connect() as conn:
        invoice = conn.scalar(text("SELECT min(id) FROM invoicing_document "
                                   "WHERE status = 'issued' AND party_id = :c"), {"c": middle})
        client = middle if invoice is not None else conn.scalar(
            text("SELECT min(party_id) FROM invoicing_document WHERE status = 'issued'"))

    def bare() -> int:
        with engine.connect() as conn:
            return len(conn.execute(select(Client).where(Client.id == client)).one())

    browser = app.test_client()
    with app.app_context(), kontora(app).db.unit() as session:
        session_id = staff_session_id(session.get(User, admin))
    with browser.session_transaction() as stored:
        stored["_user_id"] = session_id
        stored["_fresh"] = True

    def get(url: str) -> Any:
        def run() -> int:
            response = browser.get(url, headers={"HX-Request": "true"} if "cursor=" in url else {})
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            return len(response.data)
        return run

    slow = max(3, repeat // 3)
    board = browser.get("/leads/board").get_data(as_text=True)
    more = re.search(r'class="lead-more"[^>]*>\s*<a [^>]*href="([^"]+)"', board)
    more_url = more.group(1).replace("&amp;", "&") if more else "/leads/board"
    timings = [measure("bare: one client by primary key", bare, repeat=repeat)]
    for case, url, runs in [
            ("invoice list, page 1", "/invoicing/", repeat),
            ("invoice list, filter `status=issued`", "/invoicing/?status=issued", repeat),
            ("API invoice list, 50 rows", "/api/v1/invoicing.invoice?limit=50", repeat),
            ("offer list, search `Montaj`", "/offers/?q=Montaj", slow),
            ("order list, page 1", "/orders/", repeat),
            ("payments list, page 1", "/payments/", repeat),
            (f"client page of a client with invoices (`/clients/{client}`)",
             f"/clients/{client}", repeat),
            ("lead board (25 cards a column)", "/leads/board", slow),
            ("lead board, a column's \"Show more\" (htmx)", more_url, repeat),
            ("funnel report", "/leads/reports", slow),
            ("aged receivables", "/payments/receivables", slow)]:
        timings.append(measure(case, get(url), repeat=runs,
                               note=lambda size: f"{size // 1024} KiB"))
    base = timings[0].median
    return timings[:1] + [replace(t, note=f"{t.median / base:,.0f}x the bare read; {t.note}")
                          for t in timings[1:]]


def main() -> None:
    args = arguments(__doc__.split("\n")[0], rows=100_000, extra=[
        ("--activities", {"type": int, "default": None,
                          "help": "activities to load (default ten per client)"})])
    activities = args.activities if args.activities is not None else 10 * args.rows
    with tempfile.TemporaryDirectory() as tmp, \
            throwaway_database(args.database_url, keep=args.keep) as url:
        app = build_app(url, Path(tmp), PLUGINS)
        say(f"database: {server_version(kontora(app).db.engine)}")
        lines, admin = load(app, args.rows, activities)
        timings = pages(app, admin, args.rows, args.repeat)
    print(f"\n`bench.company --rows {args.rows} --activities {activities}`\n")
    print("\n".join(lines))
    print()
    print(table(timings))


if __name__ == "__main__":
    main()
