"""Where a request's time goes: cProfile and SQL counts of the hottest pages, in process.

    .venv/bin/python -m bench.hotspots [--rows 5000] [--repeat 20] [--top 20]
                                       [--database-url URL] [--keep]

Loads ``--rows`` clients with what hangs off them (``bench/data.py``, ``bench/related.py``)
and one offer with ten lines, signs in a user granted everything, then runs ``--repeat``
times each under ``cProfile``: the client list (``/clients/``), a client page, the offer
page, the API client list (``/api/v1/parties.client``) through the Flask test client, and
the offer's HTML as sending renders it to freeze. Per case it prints the SQL statements of
one run (and which repeat), the median time without the profiler, and the functions with
the most own time and the most cumulative time: per-request work that could be
per-process shows up there.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import Flask

from bench.common import (
    StatementLog,
    Timing,
    analyze,
    arguments,
    build_app,
    measure,
    phase,
    say,
    table,
    throwaway_database,
)
from bench.data import add_staff, load_clients
from bench.related import load_related
from core.kernel import kontora

ROOT = str(Path(__file__).resolve().parent.parent) + "/"
PROJECT_CODE = r"/(core|plugins)/.*\.(py|html)"
"""Cumulative times list only the project's functions and templates (not Flask's frames)."""


def everything_user(app: Flask) -> tuple[str, dict[str, str]]:
    """The session id and API headers of a user whose role grants every permission."""
    from core.db import session
    from core.identity.models import User
    from core.identity.tokens import create_token
    from core.identity.users import staff_principal, staff_session_id
    from core.permissions.models import Role

    with app.app_context(), kontora(app).db.unit():
        user = User(login="bench.everything", name="Bench Everything")
        user.roles.append(Role(name="bench-everything", label="Everything", default_scope="all",
                               grants_all=True))
        session().add(user)
        session().flush()
        principal = staff_principal(user)
        _, token = create_token(principal, "bench", list(principal.grants), None)
        return staff_session_id(user), {"Authorization": f"Bearer {token}"}


def add_offer(app: Flask, client_id: int, owner_id: int) -> int:
    """A draft offer to the client with ten lines."""
    from core.db import session
    from plugins.offers.models import Offer, OfferLine

    with app.app_context(), kontora(app).db.unit():
        offer = Offer(title="Bench offer", currency="RON", party_id=client_id, owner_id=owner_id)
        offer.lines = [OfferLine(position=i, description=f"Line {i}", quantity=Decimal(i),
                                 unit="pcs", unit_price=Decimal("12.50"), vat_rate=Decimal(19),
                                 net=Decimal("12.50") * i) for i in range(1, 11)]
        session().add(offer)
        session().flush()
        return offer.id


def offer_render(app: Flask, offer_id: int) -> Any:
    """The offer's HTML as sending renders it to freeze, inside the sender's transaction."""
    from core.db import session
    from plugins.offers.documents import offer_html
    from plugins.offers.models import Offer

    def get() -> int:
        with app.test_request_context(), kontora(app).db.unit():
            return len(offer_html(session().get(Offer, offer_id)))
    return get


def profile(app: Flask, get: Any, case: str, repeat: int, top: int) -> Timing:
    """Statements of one request, the median time, then the profile of ``repeat`` more."""
    log = StatementLog(kontora(app).db.engine)
    get()
    with log.recording() as statements:
        get()
    for count, sql in log.repeated():
        say(f"  {case}: repeated {count}x: {' '.join(sql.split())[:150]}")
    timing = measure(case, get, repeat=repeat, note=f"{len(statements)} SQL statements")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        get()
    profiler.disable()
    for sort, only in (("tottime", ""), ("cumulative", PROJECT_CODE)):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats(sort)
        stats.print_stats(only, top) if only else stats.print_stats(top)
        listing = out.getvalue().split("ncalls", 1)[-1].replace(ROOT, "")
        say(f"\n## {case}: {len(statements)} statements, top {top} by {sort}"
            f"{' (project code)' if only else ''} ({repeat} requests)\n{listing}")
    return timing


def main() -> None:
    args = arguments(__doc__.splitlines()[0], rows=5_000, extra=[
        ("--top", {"type": int, "default": 20, "help": "functions to list per profile"})])
    with (throwaway_database(args.database_url, keep=args.keep) as url,
          tempfile.TemporaryDirectory() as instance):
        app = build_app(url, Path(instance), "builtin")
        staff = add_staff(app)
        with phase(f"loading {args.rows:,} clients and what hangs off them"):
            load_clients(app, args.rows, staff)
            load_related(app, args.rows, staff)
        analyze(kontora(app).db.engine)
        session_id, headers = everything_user(app)
        client_id = args.rows // 2
        offer_id = add_offer(app, client_id, staff.admin)
        browser = app.test_client()
        with browser.session_transaction() as sess:
            sess["_user_id"], sess["_fresh"] = session_id, True

        def page(url: str, **kw: Any) -> Any:
            def get() -> int:
                response = browser.get(url, **kw)
                assert response.status_code == 200, (url, response.status_code)
                return len(response.data)
            return get

        timings = [profile(app, page(url, **kw), case, args.repeat, args.top)
                   for case, url, kw in [
                       ("client list `/clients/`", "/clients/", {}),
                       ("client page `/clients/<id>`", f"/clients/{client_id}", {}),
                       ("offer page `/offers/<id>`", f"/offers/{offer_id}", {}),
                       ("API client list, 50 rows", "/api/v1/parties.client",
                        {"headers": headers})]]
        timings.append(profile(app, offer_render(app, offer_id),
                               "offer HTML as sending freezes it", args.repeat, args.top))
        kontora(app).db.dispose()
    print(f"\n`bench.hotspots --rows {args.rows}` (every built-in plugin)\n")
    print(table(timings))


if __name__ == "__main__":
    main()
