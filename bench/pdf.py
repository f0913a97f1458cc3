"""A frozen document's PDF next to a bare WeasyPrint render of the same HTML.

    .venv/bin/python -m bench.pdf [--rows 10] [--lines 10,60] [--database-url URL] [--repeat 5]

Sending or issuing a document renders its HTML inside the caller's transaction (a broken
template is a form error before any number is taken) and leaves the PDF to the job
``core.documents.render`` after commit. This measures that job, ``render_document``
(read the stored HTML, ``html_to_pdf`` with its ``data:``-only URL fetcher, store bytes,
size and SHA-256 in one conditional ``UPDATE``), beside ``weasyprint.HTML(string=html)
.write_pdf()`` on the same HTML in the same run, for an offer of each ``--lines`` count.
The target (issue #12, item 5) is at most 1.3x the bare render.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import Flask

from bench.common import (
    Timing,
    arguments,
    build_app,
    measure,
    phase,
    table,
    throwaway_database,
)
from bench.data import add_staff, load_clients
from core.kernel import kontora


def add_offer(app: Flask, client_id: int, owner_id: int, lines: int) -> int:
    """A draft offer to the client with ``lines`` lines."""
    from core.db import session
    from plugins.offers.models import Offer, OfferLine

    with app.app_context(), kontora(app).db.unit():
        offer = Offer(title=f"Bench offer, {lines} lines", currency="RON", party_id=client_id,
                      owner_id=owner_id)
        offer.lines = [OfferLine(position=i, description=f"Montaj mobilier, etapa {i}",
                                 quantity=Decimal(i), unit="buc", unit_price=Decimal("12.50"),
                                 vat_rate=Decimal(19), net=Decimal("12.50") * i)
                       for i in range(1, lines + 1)]
        session().add(offer)
        session().flush()
        return offer.id


def draft_file(app: Flask, record_id: int, kind: str = "offers.offer") -> tuple[int, str]:
    """The draft's rendition as the sender stores it: (file id, its HTML)."""
    from core.documents.files import request_pdf

    with app.test_request_context(), kontora(app).db.unit():
        row = request_pdf(kind, record_id)
        return row.id, row.html


def cases(app: Flask, lines: int, file_id: int, html: str, repeat: int,
          what: str = "offer") -> list[Timing]:
    """The bare render and the job on the same HTML; the job's note gives the ratio."""
    from weasyprint import HTML

    from core.documents.files import render_document

    def bare() -> int:
        return len(HTML(string=html).write_pdf())

    def job() -> int:
        with app.app_context(), kontora(app).db.unit():
            render_document(file_id)  # a draft is rendered again each time
        return len(html)

    base = measure(f"bare WeasyPrint, {what} of {lines} lines", bare, repeat=repeat,
                   note=lambda size: f"{size // 1024} KiB PDF")
    kontora_job = measure(f"`render_document` job, {what} of {lines} lines", job,
                          repeat=repeat, note="")
    ratio = kontora_job.median / base.median
    return [base, replace(kontora_job, note=f"{ratio:.2f}x the bare render"
                                            f"{'' if ratio <= 1.3 else ' (target 1.3x)'}")]


def main() -> None:
    args = arguments(__doc__.split("\n")[0], rows=10, extra=[
        ("--lines", {"default": "10,60", "help": "offer sizes, comma separated"})])
    sizes = [int(n) for n in args.lines.split(",") if n.strip()]
    with tempfile.TemporaryDirectory() as tmp, \
            throwaway_database(args.database_url, keep=args.keep) as url:
        app = build_app(url, Path(tmp), "builtin")
        staff = add_staff(app)
        with phase("clients and offers"):
            load_clients(app, args.rows, staff)
            offers = {n: add_offer(app, 1, staff.admin, n) for n in sizes}
        timings: list[Any] = []
        for lines, offer_id in offers.items():
            file_id, html = draft_file(app, offer_id)
            timings += cases(app, lines, file_id, html, args.repeat)
        kontora(app).db.dispose()
    print(f"\n`bench.pdf --lines {args.lines}`\n")
    print(table(timings))


if __name__ == "__main__":
    main()
