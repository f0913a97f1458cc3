"""The sales paper trail of a believable company, bulk loaded: leads, offers, orders, invoices
and payments, with their lines, numbers and allocations.

Runs after ``bench.data`` (clients), ``bench.related`` and every plugin's demo data (the
pipeline, its stages, the lost reasons and the number series come from there). For ``n``
clients it writes two leads per client, one offer per client (three lines each, a quarter
of them accepted), an order for each accepted offer and as many again entered directly,
an invoice per order (issued and numbered, except one in ten left as a draft) and a
payment for most issued invoices (in full, or in part for one in eight), each allocated to
its invoice. Numbers are drawn in the bench year (``2025``) of each series, recorded in
``core_issued_number`` and continued by the series' counter, so the gap report and the
next number issued through the service agree with what was loaded. Amounts are exact:
line nets, VAT and totals come from ``core.documents.totals``, as the documents' own.
"""

# ruff: noqa: RUF001 -- Bulgarian and Russian units and goods, as the company writes them.
from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from flask import Flask
from sqlalchemy import Engine, text

from bench.common import bulk_insert
from bench.data import Staff
from bench.related import fix_sequence
from core.documents.totals import line_net, money, totals_of

YEAR = 2025
START = datetime(YEAR, 1, 2, 8, 0)
GOODS = [("Consultanță tehnică", "h", "85.00", True), ("Montaj mobilier", "buc", "240.00", True),
         ("Panou sandwich 100 mm", "m2", "118.50", False), ("Transport marfă", "km", "4.20", True),
         ("Профилактика на оборудване", "бр.", "310.00", True),
         ("Кабел NYY 3x2.5", "м", "3.95", False), ("Лицензия ПО, год", "шт.", "1450.00", True),
         ("Mentenanță lunară", "lună", "650.00", True)]
VAT = {"RON": Decimal(19), "BGN": Decimal(20), "EUR": Decimal(19)}


@dataclass
class Plan:
    """Ids the generator continues from, and what it wrote, by table."""

    clients: int
    pipeline: int
    stages: list[int]
    won: int
    lost: int
    reasons: list[int]
    series: dict[str, int]
    counts: dict[str, int] = field(default_factory=dict)


def load_sales(app: Flask, clients: int, staff: Staff, seed: int = 11) -> dict[str, int]:
    """Leads, offers, orders, invoices and payments for clients ``1..clients``."""
    from core.kernel import kontora

    engine = kontora(app).db.engine
    plan = _plan(engine, clients)
    rng = random.Random(seed)
    owners: list[Any] = list(staff.owners) or [None]
    start = {t: _next_id(engine, t) for t in (
        "leads_lead", "offers_offer", "orders_order", "invoicing_document", "payments_payment")}
    _leads(engine, plan, rng, owners, start["leads_lead"])
    accepted = _offers(engine, plan, rng, owners, start["offers_offer"])
    invoices = _orders(engine, plan, rng, owners, start["orders_order"], accepted)
    issued = _invoices(engine, plan, rng, owners, start["invoicing_document"], invoices)
    _payments(engine, plan, rng, owners, start["payments_payment"], issued)
    for table in start:
        fix_sequence(engine, table)
    for table in ("offers_offer_line", "orders_line", "invoicing_line", "payments_allocation",
                  "core_issued_number"):
        fix_sequence(engine, table)
    return plan.counts


def _plan(engine: Engine, clients: int) -> Plan:
    with engine.connect() as conn:
        pipeline = conn.scalar(text("SELECT id FROM leads_pipeline ORDER BY is_default DESC, id"))
        stages = conn.execute(text(
            "SELECT id, is_won, is_lost FROM leads_stage WHERE pipeline_id = :p ORDER BY position"),
            {"p": pipeline}).all()
        reasons = list(conn.scalars(text("SELECT id FROM leads_lost_reason")))
        series = dict(conn.execute(text("SELECT kind, id FROM core_number_series")).all())
    if pipeline is None or not stages:
        raise RuntimeError("load every plugin's demo data first: no pipeline to put leads in")
    return Plan(clients=clients, pipeline=pipeline,
                stages=[s.id for s in stages if not s.is_won and not s.is_lost],
                won=next(s.id for s in stages if s.is_won),
                lost=next(s.id for s in stages if s.is_lost), reasons=reasons, series=series)


def _next_id(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(text(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")))


def _when(rng: random.Random, after: datetime | None = None, days: int = 360) -> datetime:
    base = after or START
    return base + timedelta(minutes=rng.randrange(days * 24 * 60))


class Line(NamedTuple):
    description: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    discount: Decimal
    vat_rate: Decimal
    net: Decimal
    is_service: bool

    def row(self, owner_id: int, position: int) -> tuple[Any, ...]:
        """The line's columns after its document's id and its position (amounts as text,
        which both drivers take for a decimal column)."""
        return (owner_id, position, self.description, self.unit, str(self.quantity),
                str(self.unit_price), str(self.discount), str(self.vat_rate), str(self.net))


def _lines(rng: random.Random, currency: str) -> list[Line]:
    """Three lines, priced and rounded as the documents price them."""
    lines = []
    for description, unit, price, service in rng.sample(GOODS, 3):
        quantity = Decimal(rng.choice([1, 1, 2, 3, 5, 10, 12, 40]))
        discount = Decimal(rng.choice([0, 0, 0, 5, 10]))
        lines.append(Line(description, unit, quantity, Decimal(price), discount, VAT[currency],
                          line_net(quantity, Decimal(price), discount), service))
    return lines


def _totals(lines: list[Line]) -> tuple[Decimal, Decimal, Decimal]:
    totals = totals_of(lines)
    return totals.net, totals.vat, totals.gross


class _Numbers:
    """Numbers of one series in the bench year, recorded as ``core_issued_number`` rows."""

    def __init__(self, plan: Plan, kind: str, prefix: str) -> None:
        self.series = plan.series[kind]
        self.kind, self.prefix = kind, prefix
        self.rows: list[tuple[Any, ...]] = []

    def take(self, record_id: int, at: datetime) -> str:
        seq = len(self.rows) + 1
        number = f"{self.prefix}-{YEAR}-{seq:05d}"
        self.rows.append((self.series, str(YEAR), seq, number, self.kind, record_id, at))
        return number

    def save(self, engine: Engine, plan: Plan) -> None:
        plan.counts["core_issued_number"] = plan.counts.get("core_issued_number", 0) + (
            bulk_insert(engine, "core_issued_number", ("series_id", "period", "seq", "number",
                                                       "record_kind", "record_id", "issued_at"),
                        iter(self.rows)))
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM core_number_counter "
                              "WHERE series_id = :s AND period = :p"),
                         {"s": self.series, "p": str(YEAR)})
            conn.execute(text("INSERT INTO core_number_counter (series_id, period, next_value) "
                              "VALUES (:s, :p, :n)"),
                         {"s": self.series, "p": str(YEAR), "n": len(self.rows) + 1})


def _currency(rng: random.Random, client: int) -> str:
    return "BGN" if client % 4 == 1 else ("EUR" if rng.random() < 0.1 else "RON")


def _leads(engine: Engine, plan: Plan, rng: random.Random, owners: list[Any], first: int) -> None:
    def rows() -> Iterator[tuple[Any, ...]]:
        for i in range(2 * plan.clients):
            client = 1 + i % plan.clients
            created = _when(rng)
            roll = rng.random()
            stage, status = ((plan.won, "won") if roll < 0.3 else (plan.lost, "lost")
                             if roll < 0.55 else (rng.choice(plan.stages), "open"))
            closed = created + timedelta(days=rng.randrange(1, 40)) if status != "open" else None
            budget = Decimal(rng.randrange(500, 80000))
            title = f"Cerere {first + i} — {rng.choice(GOODS)[0]}"
            yield (first + i, title, rng.choice(["manual", "email", "web_form", "website_api"]),
                   "legal_entity", client, str(budget), _currency(rng, client), plan.pipeline,
                   stage, status,
                   rng.choice(plan.reasons) if status == "lost" and plan.reasons else None,
                   created, closed, closed if status == "won" else None, title.lower(),
                   created, closed or created, rng.choice(owners), 1)

    plan.counts["leads_lead"] = bulk_insert(engine, "leads_lead", (
        "id", "title", "source", "client_kind", "client_id", "budget", "currency",
        "pipeline_id", "stage_id", "status", "lost_reason_id", "stage_entered_at",
        "closed_at", "converted_at", "search_text", "created_at", "updated_at", "owner_id",
        "version"), rows())


def _offers(engine: Engine, plan: Plan, rng: random.Random, owners: list[Any],
             first: int) -> list[tuple[int, int, str, list[tuple[Any, ...]], datetime]]:
    """One offer per client; returns the accepted ones (client, offer id, currency, lines)."""
    numbers = _Numbers(plan, "offers.offer", "OF")
    offers: list[tuple[Any, ...]] = []
    lines: list[tuple[Any, ...]] = []
    accepted = []
    for i in range(plan.clients):
        offer_id, client = first + i, 1 + i
        currency = _currency(rng, client)
        made = _when(rng)
        status = rng.choices(["draft", "sent", "viewed", "accepted", "declined", "expired"],
                             [10, 25, 15, 25, 15, 10])[0]
        number = numbers.take(offer_id, made) if status != "draft" else None
        items = _lines(rng, currency)
        net, vat, gross = _totals(items)
        decided = made + timedelta(days=rng.randrange(1, 20))
        offers.append((offer_id, offer_id, 1, False, number, f"Ofertă {rng.choice(GOODS)[0]}",
                       "table", status, client, "bg" if currency == "BGN" else "ro", currency,
                       (made + timedelta(days=30)).date(), 0,
                       str(net), str(vat), str(gross), made if status != "draft" else None,
                       decided if status in ("accepted", "declined") else None,
                       made, decided, rng.choice(owners), 1))
        lines += [(*line.row(offer_id, position), line.is_service)
                  for position, line in enumerate(items)]
        if status == "accepted":
            accepted.append((client, offer_id, currency, items, decided))
    plan.counts["offers_offer"] = bulk_insert(engine, "offers_offer", (
        "id", "family_id", "revision", "superseded", "number", "title", "format", "status",
        "party_id", "language", "currency", "valid_until", "view_count", "total_net",
        "total_vat", "total_gross", "sent_at", "decided_at", "created_at", "updated_at",
        "owner_id", "version"), iter(offers))
    plan.counts["offers_offer_line"] = bulk_insert(engine, "offers_offer_line", (
        "offer_id", "position", "description", "unit", "quantity", "unit_price", "discount",
        "vat_rate", "net", "is_service"), iter(lines))
    numbers.save(engine, plan)
    return accepted


def _orders(engine: Engine, plan: Plan, rng: random.Random, owners: list[Any], first: int,
            accepted: list[tuple[Any, ...]]) -> list[tuple[int, int, str, list[Any], datetime]]:
    """An order per accepted offer and as many entered directly; returns the confirmed ones."""
    numbers = _Numbers(plan, "orders.order", "CMD")
    sources = list(accepted) + [
        (c, None, _currency(rng, c), _lines(rng, _currency(rng, c)), _when(rng))
        for c in (rng.randrange(1, plan.clients + 1) for _ in range(len(accepted)))]
    orders: list[tuple[Any, ...]] = []
    lines: list[tuple[Any, ...]] = []
    confirmed = []
    for i, (client, _offer, currency, items, made) in enumerate(sources):
        order_id = first + i
        status = rng.choices(["draft", "sent", "confirmed", "in_progress", "delivered",
                              "cancelled"], [5, 10, 30, 20, 30, 5])[0]
        at = made + timedelta(hours=rng.randrange(1, 72))
        number = numbers.take(order_id, at) if status not in ("draft", "sent") else None
        net, vat, gross = _totals(items)
        orders.append((order_id, number, status, client, currency, str(net), str(vat),
                       str(gross), at if number else None, made, at, rng.choice(owners), 1))
        lines += [line.row(order_id, position) for position, line in enumerate(items)]
        if number and status != "cancelled":
            confirmed.append((client, order_id, currency, items, at))
    plan.counts["orders_order"] = bulk_insert(engine, "orders_order", (
        "id", "number", "status", "party_id", "currency", "total_net", "total_vat",
        "total_gross", "confirmed_at", "created_at", "updated_at", "owner_id", "version"),
        iter(orders))
    plan.counts["orders_line"] = bulk_insert(engine, "orders_line", (
        "order_id", "position", "description", "unit", "quantity", "unit_price", "discount",
        "vat_rate", "net"), iter(lines))
    numbers.save(engine, plan)
    return confirmed


def _invoices(engine: Engine, plan: Plan, rng: random.Random, owners: list[Any], first: int,
              orders: list[tuple[Any, ...]]) -> list[tuple[int, int, str, Decimal, date]]:
    """An invoice per confirmed order; returns the issued ones (client, id, currency, gross,
    due date)."""
    numbers = _Numbers(plan, "invoicing.invoice", "FCT")
    docs: list[tuple[Any, ...]] = []
    lines: list[tuple[Any, ...]] = []
    issued = []
    for i, (client, _order, currency, items, made) in enumerate(
            sorted(orders, key=lambda o: o[4])):  # numbers follow issue dates
        doc_id = first + i
        at = made + timedelta(days=rng.randrange(0, 10))
        draft = rng.random() < 0.1
        number = None if draft else numbers.take(doc_id, at)
        net, vat, gross = _totals(items)
        terms = rng.choice([0, 15, 30, 45])
        due = at.date() + timedelta(days=terms)
        docs.append((doc_id, "invoice", number, "invoices", "draft",
                     client, currency, None if currency == "RON" else "4.9750",
                     "RON", None if draft else at.date(), None if draft else due, terms,
                     "bg" if currency == "BGN" else "ro", str(net), str(vat), str(gross), "0",
                     None if draft else at, made, at, rng.choice(owners), 1))
        lines += [(*line.row(doc_id, position), "S") for position, line in enumerate(items)]
        if not draft:
            issued.append((client, doc_id, currency, gross, due))
    plan.counts["invoicing_document"] = bulk_insert(engine, "invoicing_document", (
        "id", "doc_type", "number", "series", "status", "party_id", "currency",
        "exchange_rate", "domestic_currency", "issue_date", "due_date", "payment_terms_days",
        "language", "total_net", "total_vat", "total_gross", "paid_amount", "issued_at",
        "created_at", "updated_at", "owner_id", "version"), iter(docs))
    plan.counts["invoicing_line"] = bulk_insert(engine, "invoicing_line", (
        "document_id", "position", "description", "unit", "quantity", "unit_price",
        "discount", "vat_rate", "net", "vat_category"), iter(lines))
    numbers.save(engine, plan)
    with engine.begin() as conn:  # lines go in while drafts: issued invoices refuse lines
        conn.execute(text("UPDATE invoicing_document SET status = 'issued' "
                          "WHERE id >= :first AND number IS NOT NULL"), {"first": first})
    return issued


def _payments(engine: Engine, plan: Plan, rng: random.Random, owners: list[Any], first: int,
              issued: list[tuple[Any, ...]]) -> None:
    """Most issued invoices paid (one in eight in part), each payment allocated to it."""
    payments: list[tuple[Any, ...]] = []
    allocations: list[tuple[Any, ...]] = []
    for client, doc_id, currency, gross, due in issued:
        roll = rng.random()
        if roll < 0.25:
            continue  # still open (some of them overdue)
        amount = gross if roll > 0.125 * 3 else money(gross * Decimal(rng.choice([30, 50])) / 100)
        pay_id = first + len(payments)
        on = due + timedelta(days=rng.randrange(-10, 20))
        payments.append((pay_id, client, rng.choice(["transfer", "transfer", "card", "pos"]),
                         str(amount), currency, on, f"OP {pay_id}",
                         datetime.combine(on, datetime.min.time()),
                         datetime.combine(on, datetime.min.time()), rng.choice(owners), 1))
        allocations.append((pay_id, "invoicing.invoice", doc_id, str(amount)))
    plan.counts["payments_payment"] = bulk_insert(engine, "payments_payment", (
        "id", "party_id", "method", "amount", "currency", "paid_on", "reference",
        "created_at", "updated_at", "owner_id", "version"), iter(payments))
    plan.counts["payments_allocation"] = bulk_insert(engine, "payments_allocation", (
        "payment_id", "record_kind", "record_id", "amount"), iter(allocations))
    with engine.begin() as conn:  # the invoice's paid amount is the sum of its allocations
        conn.execute(text(
            "UPDATE invoicing_document SET paid_amount = (SELECT coalesce(sum(a.amount), 0) "
            "FROM payments_allocation a WHERE a.record_kind = 'invoicing.invoice' "
            "AND a.record_id = invoicing_document.id) WHERE status = 'issued'"))
