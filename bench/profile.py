"""The client profile page with 100,000 clients (and a million activities): time and SQL count.

    .venv/bin/python -m bench.profile [--rows 100000] [--activities 1000000]
                                      [--database-url URL] [--repeat 15] [--keep]

Loads ``--rows`` clients with everything a client page shows (addresses, bank account,
contact persons and their phones and e-mails, tags, group, custom field values, audit
entries) and, when the ``activities`` plugin is present, ``--activities`` activities with a
long tail (two key accounts hold a thousand each). Then it renders ``/clients/<id>`` in
full through the Flask test client, signed in as the sales manager, for a typical client
and for a key account, and reports

- how many SQL statements one render runs, and which ran more than once (an N+1 shows
  up as one statement repeated per related row);
- the median and p95 time of the render over ``--repeat`` runs;
- the same for the client list (``/clients/``): a statement repeated per row there is
  an N+1 too;
- with activities, their generic list page (``/activities/``) at a million rows: page one
  of each sort, a page 10,000 rows deep by cursor, a filter and searches.

Figures go to stdout as a Markdown table, the repeated statements to stderr.
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from bench.common import (
    StatementLog,
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
from bench.data import Staff, add_staff, load_clients, principal, signed_in
from bench.related import load_activities, load_related
from core.kernel import kontora


def plugins_present() -> str:
    """``parties``, plus ``activities`` when that plugin is installed here."""
    return "parties,activities" if importlib.util.find_spec("plugins.activities") else "parties"


def related_counts(app: Flask, client_id: int, with_activities: bool) -> str:
    """What the page of ``client_id`` has to show, for the table's note."""
    from core.db import session
    from plugins.parties.models import Address, ClientContact

    with app.app_context(), kontora(app).db.unit():
        s = session()
        parts = [f"{s.scalar(select(func.count()).where(Address.client_id == client_id))} "
                 "addresses",
                 f"{s.scalar(select(func.count()).where(ClientContact.client_id == client_id))}"
                 " contacts"]
        if with_activities:
            from plugins.activities.models import Activity

            n = s.scalar(select(func.count()).where(Activity.record_kind == "parties.client",
                                                    Activity.record_id == client_id))
            parts.append(f"{n:,} activities")
    return ", ".join(parts)


def typical_client(app: Flask) -> int:
    """A client with two contacts and two addresses, near the middle of the table."""
    from core.db import session
    from plugins.parties.models import Address, Client, ClientContact

    with app.app_context(), kontora(app).db.unit():
        contacts = (select(ClientContact.client_id).group_by(ClientContact.client_id)
                    .having(func.count() == 2))
        addresses = (select(Address.client_id).group_by(Address.client_id)
                     .having(func.count() == 2))
        middle = session().scalar(select(func.max(Client.id))) // 2
        return int(session().scalar(
            select(Client.id).where(Client.id >= middle, Client.id.in_(contacts),
                                    Client.id.in_(addresses)).order_by(Client.id).limit(1)))


def render(app: Flask, staff: Staff, url: str, case: str, note: str,
           repeat: int) -> list[Timing]:
    """One page: its statements (recorded once) and its time."""
    browser = signed_in(app, staff, staff.admin)
    log = StatementLog(kontora(app).db.engine)

    def get() -> int:
        response = browser.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return len(response.data)

    get()  # warm-up outside the record: first-request caches
    with log.recording() as statements:
        get()
    repeated = log.repeated()
    say(f"{case}: {len(statements)} statements, {len(repeated)} repeated")
    for sql in statements:
        say(f"  {' '.join(sql.split())[:150]}")
    for count, sql in repeated:
        say(f"  repeated {count}x: {' '.join(sql.split())[:150]}")
    detail = f"{len(statements)} SQL statements" + (
        f", {sum(n for n, _sql in repeated)} of them repeats of {len(repeated)}"
        if repeated else ", none repeated")
    return [measure(case, get, repeat=repeat, note=lambda size: "; ".join(
        part for part in (note, detail, f"{size // 1024} KiB HTML") if part))]


def activity_list(app: Flask, staff: Staff, repeat: int) -> list[Timing]:
    """The generic activities list over every activity, as the sales manager sees it."""
    from core.listing import list_records
    from plugins.activities.models import Activity

    who = principal(app, staff.admin)
    with app.app_context(), kontora(app).db.unit() as s:
        total = s.scalar(select(func.count(Activity.id)))
        depth = min(10_000, total // 2 // 500 * 500)
        cursor = None
        for _ in range(depth // 500):
            cursor = list_records(who, "activities.activity", cursor=cursor,
                                  limit=500).next_cursor
    slow = max(3, repeat // 3)
    timings = []
    for case, url, runs in [
            ("activities list, page 1 (sort `-starts_at`)", "/activities/", repeat),
            (f"activities list at depth {depth:,} by cursor",
             f"/activities/?cursor={cursor}&page={depth // 50 + 1}", repeat),
            ("activities list, sort `subject`", "/activities/?sort=subject", slow),
            ("activities list, sort `status`", "/activities/?sort=status", slow),
            ("activities list, filter `type=meeting`", "/activities/?type=meeting", slow),
            ("activities list, search `Follow-up`", "/activities/?q=Follow-up", slow),
            ("activities list, search with no match `Zzyzx`", "/activities/?q=Zzyzx",
             slow)]:
        timings += render(app, staff, url, case, "", runs)
    return timings


def main() -> None:
    args = arguments(__doc__.splitlines()[0], rows=100_000, extra=[
        ("--activities", {"type": int, "default": 1_000_000,
                          "help": "activities to load when the plugin is present"}),
        ("--plugins", {"default": plugins_present(),
                       "help": "KONTORA_PLUGINS for the run (default: %(default)s)"})])
    with_activities = "activities" in args.plugins.split(",")
    with (throwaway_database(args.database_url, keep=args.keep) as url,
          tempfile.TemporaryDirectory() as instance):
        app = build_app(url, Path(instance), args.plugins)
        engine = kontora(app).db.engine
        staff = add_staff(app)
        with phase(f"loading {args.rows:,} clients"):
            load_clients(app, args.rows, staff)
        with phase("loading what hangs off them"):
            counts = load_related(app, args.rows, staff)
        say("  " + ", ".join(f"{table} {n:,}" for table, n in counts.items()))
        key_accounts = [args.rows // 3, args.rows // 3 * 2]
        if with_activities:
            with phase(f"loading {args.activities:,} activities"):
                load_activities(app, args.rows, args.activities, staff, key_accounts)
        with phase("VACUUM ANALYZE"):
            analyze(engine)
        version = server_version(engine)
        typical = typical_client(app)
        timings = []
        for case, client_id in [("client page, typical client", typical),
                                ("client page, key account", key_accounts[0])]:
            timings += render(app, staff, f"/clients/{client_id}", case,
                              related_counts(app, client_id, with_activities), args.repeat)
        timings += render(app, staff, "/clients/?status=customer",
                          "client list (`/clients/?status=customer`)", "50 rows",
                          args.repeat)
        if with_activities:
            timings += activity_list(app, staff, args.repeat)
        kontora(app).db.dispose()
    print(f"\n`bench.profile --rows {args.rows}"
          f"{f' --activities {args.activities}' if with_activities else ''}` "
          f"(plugins {args.plugins}) on {version}\n")
    print(table(timings))


if __name__ == "__main__":
    main()
