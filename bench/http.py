"""Kontora's pages and API under load, next to a bare Flask + SQLAlchemy one-row route.

    .venv/bin/python -m bench.http [--rows 5000] [--leads 200] [--duration 5]
                                   [--concurrency 4] [--requests N] [--plugins builtin]
                                   [--database-url URL] [--keep]

Builds a throw-away PostgreSQL database with every plugin's tables, ``--rows`` clients of
``bench.data`` with what hangs off them (``bench.related``), every plugin's demo data and
``--leads`` leads made through the leads service; creates a bench user with a known
password and the admin role and an API token for it through the kernel's services. Then
it starts, one after the other so they never share the CPUs,

1. ``bench.bare`` under gunicorn (2 sync workers): one row of ``parties_client`` by
   primary key, as JSON — the yardstick;
2. Kontora under gunicorn (2 sync workers), signed in through ``/login`` like a browser
   (the API rows send the token instead),

and loads each route with ``bench.load`` (``--concurrency`` keep-alive connections for
``--duration`` seconds, or until ``--requests``). It prints one Markdown table (stdout):
req/s, p50 and p99, and each one's ratio to the bare route; the targets are p50 within
3x and p99 within 10x. Progress goes to stderr.

``--profile N`` also runs every route N times in this process (Flask test client, same
database) under cProfile and prints, per route, the SQL statement count of one request
and where the time goes (stderr): the explanation of a row that misses its target.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import http.client
import io
import pstats
import re
import tempfile
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import select

from bench.common import (
    DEFAULT_SERVER,
    StatementLog,
    analyze,
    build_app,
    phase,
    say,
    throwaway_database,
)
from bench.data import STAFF, add_staff, client_rows, load_clients
from bench.load import Result, run_load
from bench.related import load_related
from bench.servers import Server, gunicorn, kontora_env
from core.kernel import kontora

SECRET = "benchmark-secret-key-not-for-production"
LOGIN, PASSWORD = "bench.http", "bench-http-password-1"
P50_TARGET, P99_TARGET = 3, 10
BARE = "bare Flask + SQLAlchemy, one row by primary key (JSON)"


@dataclass(frozen=True)
class Route:
    """One row of the table: a label and the path, filled in from :class:`Targets`."""

    label: str
    path: str
    api: bool = False


ROUTES = [
    Route("client list, HTML, filter `status=customer`", "/clients/?status=customer"),
    Route("client list, HTML, search `{search}`", "/clients/?q={search_q}"),
    Route("client list, API, filter `status=customer`", "/api/v1/parties.client?status=customer",
          api=True),
    Route("client list, API, search `{search}`", "/api/v1/parties.client?q={search_q}",
          api=True),
    Route("client page", "/clients/{client}"),
    Route("offer page", "/offers/{offer}"),
    Route("lead board", "/leads/board"),
    Route("global search `{search}`", "/search?q={search_q}"),
    Route("funnel report", "/leads/reports"),
]


@dataclass(frozen=True)
class Targets:
    """What the routes point at, and the credentials to reach them."""

    client: int
    offer: int
    search: str
    token: str

    def fill(self, text: str) -> str:
        return text.format(client=self.client, offer=self.offer, search=self.search,
                           search_q=urllib.parse.quote(self.search))


@dataclass(frozen=True)
class Row:
    label: str
    result: Result


def prepare(app: Flask, rows: int, leads: int) -> Targets:
    """Load the data, the bench user and its token; returns the ids the routes use."""
    staff = add_staff(app)
    with phase(f"loading {rows:,} clients and what hangs off them"):
        load_clients(app, rows, staff)
        load_related(app, rows, staff)
    k = kontora(app)
    with phase("demo data of every plugin, the bench user, its token and leads"):
        with app.app_context(), k.db.unit() as session:
            k.call_in_order("kontora_demo_data", session=session)
        token = _bench_user(app)
        _leads(app, leads)
    return Targets(client=_typical_client(app, rows), offer=_first_offer(app),
                   search="Mobila", token=token)


def _bench_user(app: Flask) -> str:
    """The admin user the load signs in as; returns an API token of theirs."""
    from core.identity.tokens import create_token
    from core.identity.users import create_user, staff_principal
    from core.permissions.catalogue import seed_roles

    with app.app_context(), kontora(app).db.unit() as session:
        seed_roles(session)
        user = create_user(LOGIN, "Bench HTTP", password=PASSWORD, roles=["admin"])
        _row, text = create_token(staff_principal(user), "bench.http",
                                  ["parties.read"], None)
    return text


def _leads(app: Flask, count: int) -> None:
    """``count`` leads through the leads service, owned by the bench staff in turn."""
    from core.identity.models import User
    from core.identity.users import staff_principal
    from plugins.leads.services.leads import create_lead

    names = [row[2] for row in client_rows(count, [0])]
    with app.app_context(), kontora(app).db.unit() as session:
        user = session.scalar(select(User).where(User.login == LOGIN))
        who = staff_principal(user)
        for number, name in enumerate(names):
            create_lead(who, {"title": f"{name} #{number}", "company_name": name})


def _typical_client(app: Flask, rows: int) -> int:
    """A client from the middle of the generated ones (they have addresses, contacts ...)."""
    return max(1, rows // 2)


def _first_offer(app: Flask) -> int:
    from plugins.offers.models import Offer

    with app.app_context(), kontora(app).db.unit() as session:
        offer = session.scalar(select(Offer.id).order_by(Offer.id).limit(1))
    if offer is None:
        raise RuntimeError("the demo data made no offer")
    return int(offer)


def sign_in(server: Server) -> str:
    """The ``Cookie`` header of a session signed in through the login form."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
    cookies: SimpleCookie = SimpleCookie()

    def send(method: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": _cookie_header(cookies)}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, "/login", body=body, headers=headers)
        response = conn.getresponse()
        for header in response.msg.get_all("Set-Cookie") or []:
            cookies.load(header)
        return response.status, response.read().decode()

    _status, page = send("GET")
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    if found is None:
        raise RuntimeError("the login page has no CSRF token")
    status, _page = send("POST", urllib.parse.urlencode(
        {"login": LOGIN, "password": PASSWORD, "csrf_token": found[1]}))
    conn.close()
    if status != 302:
        raise RuntimeError(f"signing in answered {status}, not a redirect")
    return _cookie_header(cookies)


def _cookie_header(cookies: SimpleCookie) -> str:
    return "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())


def load(server: Server, path: str, headers: dict[str, str], args: argparse.Namespace,
         label: str) -> Row:
    """Warm the workers up on ``path`` (first-use caches), then measure it."""
    run_load(server.host, server.port, path, headers=headers, concurrency=2, duration=60,
             requests=max(4, args.concurrency))
    result = run_load(server.host, server.port, path, headers=headers,
                      concurrency=args.concurrency, duration=args.duration,
                      requests=args.requests)
    say(f"  {label}: {result.rate:.1f} req/s, p50 {result.p50:.1f} ms, p99 {result.p99:.1f} ms "
        f"({result.requests} requests)")
    return Row(label, result)


def measure(database_url: str, instance: Path, targets: Targets,
            args: argparse.Namespace) -> list[Row]:
    """The bare route, then every Kontora route, each server alone on the machine."""
    env = kontora_env(database_url, instance, args.plugins, SECRET)
    with phase("bare Flask + SQLAlchemy under gunicorn"), \
            gunicorn("bench.bare:create_app()", env, probe="/row/1") as bare:
        rows = [load(bare, f"/row/{targets.client}", {}, args, BARE)]
    with phase("Kontora under gunicorn"), \
            gunicorn("core.app:create_app()", env, probe="/login") as server:
        browser = {"Cookie": sign_in(server)}
        api = {"Authorization": f"Bearer {targets.token}"}
        for route in ROUTES:
            rows.append(load(server, targets.fill(route.path), api if route.api else browser,
                             args, f"{targets.fill(route.label)} (`{targets.fill(route.path)}`)"))
    return rows


def profile(app: Flask, targets: Targets, count: int) -> None:
    """Each route ``count`` times in-process under cProfile: statements and hot spots."""
    from core.identity.models import User
    from core.identity.users import staff_session_id

    with app.app_context(), kontora(app).db.unit() as session:
        session_id = staff_session_id(session.scalar(select(User).where(User.login == LOGIN)))
    browser = app.test_client()
    with browser.session_transaction() as sess:
        sess["_user_id"], sess["_fresh"] = session_id, True
    log = StatementLog(kontora(app).db.engine)
    for route in ROUTES:
        path = targets.fill(route.path)
        headers = {"Authorization": f"Bearer {targets.token}"} if route.api else {}
        assert browser.get(path, headers=headers).status_code == 200, path  # warm-up
        with log.recording() as statements:
            browser.get(path, headers=headers)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(count):
            browser.get(path, headers=headers)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(r"(core|plugins|jinja2|sqlalchemy|marshmallow|flask|werkzeug)/", 25)
        say(f"\n=== {path}: {len(statements)} SQL statements per request; "
            f"{count} requests profiled ===")
        say("\n".join(line for line in out.getvalue().splitlines()
                       if "function calls" in line or line.strip()[:1].isdigit()))


def table(rows: Sequence[Row]) -> str:
    """The figures as a Markdown table with the ratios to the bare route (the first row)."""
    bare = rows[0].result
    lines = ["| request | req/s | p50 ms | p99 ms | p50 vs bare | p99 vs bare | target |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        r = row.result
        p50, p99 = r.p50 / bare.p50, r.p99 / bare.p99
        met = "yes" if p50 <= P50_TARGET and p99 <= P99_TARGET else "**no**"
        lines.append(f"| {row.label} | {r.rate:,.1f} | {r.p50:.1f} | {r.p99:.1f} | "
                     f"{p50:.1f}x | {p99:.1f}x | {'-' if row is rows[0] else met} |")
    return "\n".join(lines)


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    option: Callable[..., Any] = parser.add_argument
    option("--rows", type=int, default=5_000, help="clients to load (default 5,000)")
    option("--leads", type=int, default=200, help="leads to create (default 200)")
    option("--duration", type=float, default=5.0,
           help="seconds of load per route (default 5)")
    option("--requests", type=int, default=None,
           help="stop a route after this many requests (default: only the duration)")
    option("--concurrency", type=int, default=4,
           help="connections loading at once (default 4)")
    option("--plugins", default="builtin", help="KONTORA_PLUGINS (default: every plugin)")
    option("--database-url", default=DEFAULT_SERVER,
           help="PostgreSQL server to create the throw-away database on")
    option("--profile", type=int, default=0, metavar="N",
           help="also profile N in-process requests per route (cProfile, to stderr)")
    option("--keep", action="store_true", help="keep the database and print its URL")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = arguments(argv)
    with (throwaway_database(args.database_url, keep=args.keep) as url,
          tempfile.TemporaryDirectory() as instance):
        app = build_app(url, Path(instance), args.plugins)
        targets = prepare(app, args.rows, args.leads)
        with phase("VACUUM ANALYZE"):
            analyze(kontora(app).db.engine)
        if args.profile:
            profile(app, targets, args.profile)
        kontora(app).db.dispose()
        rows = measure(url, Path(instance), targets, args)
    limit = f" --requests {args.requests}" if args.requests else ""
    print(f"\n`python -m bench.http --rows {args.rows} --leads {args.leads} "
          f"--duration {args.duration:g} --concurrency {args.concurrency}{limit}`, "
          f"{dt.date.today().isoformat()}, gunicorn 2 sync workers, {len(STAFF)} staff\n")
    print(table(rows))


if __name__ == "__main__":
    main()
