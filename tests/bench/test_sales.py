"""The generated sales trail (``bench.sales``) is one the application itself could have made:
gap-free numbers the series continue, totals of the lines, paid amounts of the allocations."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select

from bench.data import add_staff, load_clients
from bench.sales import YEAR, load_sales
from core.db import session
from core.documents.totals import totals_of
from core.kernel import kontora
from core.numbering.report import gap_report
from core.numbering.series import series_by_code
from core.numbering.service import next_number

CLIENTS = 40


def _load(app):
    staff = add_staff(app)
    load_clients(app, CLIENTS, staff)
    k = kontora(app)
    with app.app_context(), k.db.unit() as s:
        k.call_in_order("kontora_demo_data", session=s)
    return load_sales(app, CLIENTS, staff)


def test_numbers_are_gap_free_and_the_series_continue_them(app):
    counts = _load(app)
    assert counts["leads_lead"] == 2 * CLIENTS and counts["offers_offer"] == CLIENTS
    with app.app_context(), kontora(app).db.unit():
        for code, prefix in (("offers", "OF"), ("orders", "CMD"), ("invoices", "FCT")):
            report = {r.period: r for r in gap_report(series_by_code(code))}[str(YEAR)]
            assert report.count > 0 and report.complete, (code, report)
            assert next_number(code, when=datetime(YEAR, 6, 1, 12)) == (
                f"{prefix}-{YEAR}-{report.count + 1:05d}")


def test_totals_and_paid_amounts_agree_with_lines_and_allocations(app):
    from plugins.invoicing.models import Invoice
    from plugins.offers.models import Offer
    from plugins.payments.models import Allocation

    _load(app)
    with app.app_context(), kontora(app).db.unit():
        s = session()
        for doc in [*s.scalars(select(Offer)), *s.scalars(select(Invoice))]:
            totals = totals_of(doc.lines)
            assert (doc.total_net, doc.total_vat, doc.total_gross) == (
                totals.net, totals.vat, totals.gross), doc.id
        allocated = dict(s.execute(select(Allocation.record_id, func.sum(Allocation.amount))
                                   .group_by(Allocation.record_id)).all())
        issued = list(s.scalars(select(Invoice).where(Invoice.status == "issued")))
        assert issued and any(inv.id in allocated for inv in issued)
        for invoice in issued:
            assert invoice.number and invoice.issue_date
            assert Decimal(invoice.paid_amount) == Decimal(allocated.get(invoice.id, 0))
            assert Decimal(0) <= invoice.paid_amount <= invoice.total_gross
