"""Kontora's half of ``bench.peer``: the peer's workload through Kontora's services, in process.

Each step is one unit of work, as each proteus save or click is one trytond transaction,
and its time includes the commit and the jobs that run inline after it (no Redis), as the
peer's time includes the tasks trytond runs after its commit. The steps, in the peer's
phase names' order:

- ``client_create``: a client with a registered address and an e-mail (the peer: a party
  with an address and an e-mail contact mechanism); "Customer 00001" looks like
  "Customer 00002" to the duplicate check, so it is told to go ahead as a user would;
- ``lead_create``, ``lead_line`` (the calculator line that prices it: the peer's qualified
  opportunity with one line) and ``lead_to_offer`` (the "Create offer" conversion: the
  peer's opportunity converted into a draft sale);
- ``offer_create_3_lines``, ``offer_send`` (number, frozen PDF, the client's link and the
  e-mail, caught with no SMTP: the peer's quote), then ``offer_accept``,
  ``offer_to_order`` and ``order_to_invoice`` (the peer's confirm, which makes the invoice);
- ``invoice_issue``: number, seller and buyer frozen, the PDF rendered and frozen and the
  UBL e-invoice built by the ``log`` transmitter (the peer posts and renders its report);
- ``client_invoices`` (one client's invoices, as the client's profile lists them) over
  ``min(n, 100)`` clients, and ``invoice_list`` (every invoice with its client's name,
  sorted by number, through the kernel's listing) five times.
"""

from __future__ import annotations

import cProfile
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from bench.common import build_app, say, throwaway_database
from bench.data import principal
from core.kernel import kontora

PRICES = ("10", "25.50", "99.99")
LIST_REPEAT = 5
PARTY_QUERIES = 100


class Steps:
    """Per-step totals in the peer's JSON shape (``ops``, ``total_s``); with ``profile`` a
    cProfile of each step's name too."""

    def __init__(self, profile: bool = False) -> None:
        self.phases: dict[str, dict[str, float]] = {}
        self.profiles: dict[str, cProfile.Profile] | None = {} if profile else None

    def time(self, name: str, func: Callable[[], Any]) -> Any:
        profiler = None
        if self.profiles is not None:
            profiler = self.profiles.setdefault(name, cProfile.Profile())
            profiler.enable()
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
        if profiler:
            profiler.disable()
        phase = self.phases.setdefault(name, {"ops": 0, "total_s": 0.0})
        phase["ops"] += 1
        phase["total_s"] += elapsed
        return result


def prepare(app: Flask) -> tuple[Any, list[int]]:
    """What the peer's template database holds: the seller, three services, a user who may
    do everything; plus the series, templates and pipeline ``kontora db upgrade`` seeds.
    Returns the user's principal and the products' ids."""
    from core.company import CompanyProfile
    from core.db import session
    from core.identity.models import User
    from core.permissions.models import Role
    from plugins.catalog.models import Product

    k = kontora(app)
    with app.app_context(), k.db.unit() as s:
        k.call_in_order("kontora_after_upgrade", session=s)
        session().add(CompanyProfile(
            id=1, name="Furnizor Bench SRL", details="", kind="legal_entity", vat_payer=True,
            vat_number="RO18547290", tax_id="18547290", trade_register_no="J40/1234/2006",
            street="Str. Exemplu 1", city="SECTOR1", region="RO-B", postal_code="010101",
            country="RO", currency="RON", email="office@furnizor.test",
            bank_accounts=[{"bank": "Banca Test", "iban": "RO49AAAA1B31007593840000",
                            "bic": "", "currency": "RON"}]))
        products = [Product(code=f"SRV{i}", name=f"Service {i}", kind="service", unit="pcs",
                            price=Decimal(price), currency="RON", vat_rate=Decimal(19))
                    for i, price in enumerate(PRICES)]
        user = User(login="bench.peer", name="Bench Peer", email="bench.peer@furnizor.test")
        user.roles.append(Role(name="bench-peer", label="Everything", default_scope="all",
                               grants_all=True))
        session().add_all([*products, user])
        session().flush()
        user_id, product_ids = user.id, [p.id for p in products]
    return principal(app, user_id), product_ids


def workload(app: Flask, n: int, steps: Steps) -> dict[str, int]:
    """The peer's workload on ``n`` clients; returns what it left, to check it was all done."""
    from core.conversions import convert
    from core.db import session
    from core.listing import MAX_LIMIT, list_records
    from plugins.invoicing.services import issue_invoice
    from plugins.leads.services import create_lead
    from plugins.leads.services.calculator import add_line
    from plugins.offers.services import accept_offer, create_offer, send_offer
    from plugins.parties.services import create_client

    actor, products = prepare(app)
    k = kontora(app)

    def step(name: str, func: Callable[[], Any]) -> Any:
        def unit() -> Any:
            with app.test_request_context(), k.db.unit():
                return func()
        return steps.time(name, unit)

    clients = [step("client_create", lambda i=i: create_client(actor, {
        "kind": "legal_entity", "name": f"Customer {i:05d}", "country": "RO",
        "email": f"customer{i}@example.com",
        "addresses": [{"use": "registered", "street": f"{i} Main Street", "city": "Springfield",
                       "postal_code": f"{10000 + i}", "country": "RO"}]},
        allow_duplicate=True).id)
               for i in range(n)]

    for i, client_id in enumerate(clients):
        lead_id = step("lead_create", lambda i=i, c=client_id: create_lead(actor, {
            "title": f"Lead {i}", "client_id": c, "currency": "RON"}).id)
        step("lead_line", lambda i=i, lead=lead_id: add_line(actor, lead, {
            "product_id": products[i % 3], "quantity": "2"}))
        step("lead_to_offer", lambda lead=lead_id: convert(actor, "leads.lead", lead,
                                                          "offers.offer"))

    invoices = []
    for i, client_id in enumerate(clients):
        offer_id = step("offer_create_3_lines", lambda i=i, c=client_id: create_offer(actor, {
            "title": f"Sale {i}", "party_id": c, "currency": "RON",
            "lines": [{"product_id": products[j], "quantity": str(j + 1)}
                      for j in range(3)]}).id)
        step("offer_send", lambda o=offer_id: send_offer(actor, o))
        step("offer_accept", lambda o=offer_id: accept_offer(o, principal=actor))
        order_id = step("offer_to_order", lambda o=offer_id: convert(
            actor, "offers.offer", o, "orders.order").target_id)
        invoices.append(step("order_to_invoice", lambda o=order_id: convert(
            actor, "orders.order", o, "invoicing.invoice").target_id))

    for invoice_id in invoices:
        step("invoice_issue", lambda d=invoice_id: issue_invoice(actor, d))

    def invoices_of(client_id: int) -> list[tuple[Any, ...]]:
        page = list_records(actor, "invoicing.invoice", filters={"party_id": client_id})
        return [(d.number, d.total_gross, d.status) for d in page.items]

    for client_id in clients[:PARTY_QUERIES]:
        assert len(step("client_invoices", lambda c=client_id: invoices_of(c))) == 1

    def invoice_list() -> list[tuple[Any, ...]]:
        rows, cursor = [], None
        while True:
            page = list_records(actor, "invoicing.invoice", sort="number", cursor=cursor,
                                limit=MAX_LIMIT, eager=True)
            rows += [(d.number, d.party.name, d.issue_date, d.total_gross, d.status)
                     for d in page.items]
            if page.next_cursor is None:
                return rows
            cursor = page.next_cursor

    for _ in range(LIST_REPEAT):
        assert len(step("invoice_list", invoice_list)) == n
    with app.app_context(), k.db.unit():
        return left_behind(session())


def left_behind(sess: Any) -> dict[str, int]:
    """Issued invoices with distinct numbers, their ready frozen PDFs and sent e-invoices."""
    from core.documents.models import DocumentFile
    from plugins.invoicing.models import BillingDocument, EInvoiceTransmission

    def count(stmt: Any) -> int:
        return int(sess.scalar(stmt) or 0)
    return {
        "issued": count(select(func.count(func.distinct(BillingDocument.number)))
                        .where(BillingDocument.status == "issued")),
        "frozen_pdfs": count(select(func.count()).select_from(DocumentFile).where(
            DocumentFile.record_kind == "invoicing.invoice", DocumentFile.frozen.is_(True),
            DocumentFile.status == "ready")),
        "einvoices": count(select(func.count()).select_from(EInvoiceTransmission).where(
            EInvoiceTransmission.status == "sent")),
    }


@contextmanager
def kontora_app(database_url: str) -> Iterator[Flask]:
    """Every built-in plugin on a throw-away database (a temporary file for ``sqlite://``)."""
    with (throwaway_database(database_url) as url,
          tempfile.TemporaryDirectory() as instance):
        yield build_app(url, Path(instance), "builtin")


def run_kontora(database_url: str, n: int, *, profile: bool = False) -> dict[str, Any]:
    """The workload on a fresh database; the peer's JSON shape (``phases``, wall time) and,
    with ``profile``, each step's ``cProfile.Profile`` under ``profiles``."""
    steps = Steps(profile)
    with kontora_app(database_url) as app:
        start = time.perf_counter()
        done = workload(app, n, steps)
        wall = time.perf_counter() - start
    expected = {"issued": n, "frozen_pdfs": n, "einvoices": n}
    if done != expected:
        raise AssertionError(f"Kontora left {done}, expected {expected}")
    say(f"Kontora: {n} clients, {done['issued']} invoices issued with frozen PDF and UBL "
        f"in {wall:.1f} s ({date.today()})")
    return {"phases": steps.phases, "workload_wall_s": round(wall, 2),
            "profiles": steps.profiles}
