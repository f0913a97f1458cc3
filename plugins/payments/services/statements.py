"""Importing a bank statement once, matching its incoming transfers to open invoices, and
settling the rest by hand on the review screen.

The file is parsed whole first: a malformed one is refused (422 naming the line or
element) and nothing is written. Lines already known for the account (their fingerprint,
unique in the database) are skipped, so the same statement imported twice, or a movement
repeated by a later report, books nothing twice. An incoming line is **matched** when:

- invoice numbers in its remittance text name open invoices of one client in its currency
  (of the client owning the payer's IBAN when that is known); or
- no number is given, the payer's IBAN is a client's bank account (parties) and exactly one
  of its open invoices is open for exactly the line's amount.

A matched line books a transfer allocated to those invoices, oldest first (the rest is the
client's credit). Several fitting invoices make it **ambiguous**, none **unmatched**; both
wait for the review screen, which settles a line against invoices picked by hand or sets
it aside.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.db import session
from core.errors import Conflict, NotFound
from core.i18n import gettext as _
from core.kernel import kontora
from core.permissions import require, scope
from core.services import load_record, lock_record, service
from plugins.parties.models import BankAccount
from plugins.payments.exceptions import InvalidPayment
from plugins.payments.models import Statement, StatementLine
from plugins.payments.services.allocation import allocated_to, owed
from plugins.payments.services.payments import book
from plugins.payments.statements.camt import parse_camt
from plugins.payments.statements.mt940 import parse_mt940
from plugins.payments.statements.parsed import ParsedStatement, StatementError

INVOICE = "invoicing.invoice"
TOKEN = re.compile(r"[A-Z0-9][A-Z0-9/\-]{2,39}")
MAX_BYTES = 10 * 1024 * 1024


def parse(data: bytes) -> ParsedStatement:
    """The statement in ``data``, CAMT (XML) or MT940 told apart by their first bytes."""
    if len(data) > MAX_BYTES:
        raise StatementError(_("file"), _("larger than 10 MB"))
    head = data.lstrip()[:200]
    if head.startswith(b"<"):
        return parse_camt(data)
    if head.startswith((b":20:", b"{1:", b":")) or b":20:" in head:
        return parse_mt940(data)
    raise StatementError(_("line %(line)s", line=1), _("neither a CAMT XML nor an MT940 file"))


@service("payments.write")
def import_statement(principal: Any, data: bytes, filename: str | None = None) -> dict[str, Any]:
    """Import a statement; returns it with how many lines were new and matched."""
    parsed = parse(data)
    statement = session().scalar(select(Statement).where(
        Statement.account == parsed.account, Statement.reference == parsed.reference))
    if statement is None:
        statement = Statement(format=parsed.format, reference=parsed.reference[:100],
                              account=parsed.account, filename=(filename or "")[:255] or None,
                              created_by_id=principal.user_id, updated_by_id=principal.user_id)
        try:
            with session().begin_nested():
                session().add(statement)
        except IntegrityError:  # imported by someone else this very moment
            raise Conflict(_("This statement is being imported; reload in a moment.")) from None
    counts = {"new": 0, "known": 0, "matched": 0, "review": 0}
    for position, line in enumerate(parsed.lines):
        fingerprint = line.fingerprint(parsed.account, position)
        row = StatementLine(
            statement_id=statement.id, account=parsed.account, fingerprint=fingerprint,
            booked_on=line.booked_on, amount=line.amount, currency=line.currency,
            credit=line.credit, remittance=line.remittance[:2000] or None,
            counterparty_name=line.counterparty_name[:200] or None,
            counterparty_iban=line.counterparty_iban[:40] or None,
            bank_reference=line.bank_reference[:140] or None,
            state="unmatched" if line.credit else "outgoing")
        try:
            with session().begin_nested():
                session().add(row)
        except IntegrityError:
            counts["known"] += 1
            continue
        counts["new"] += 1
        if row.credit:
            _match(row, principal.user_id)
            counts["matched" if row.state == "matched" else "review"] += 1
    session().flush()
    return {"statement": statement, **counts}


def _open(record_id: int, currency: str) -> Any:
    info = owed(INVOICE, record_id)
    if info is None or info["currency"] != currency:
        return None
    left = info["total"] - allocated_to(INVOICE, record_id)
    return left if left > 0 else None


def _match(line: StatementLine, importer: int | None) -> None:
    """Find the invoices the line pays, and book it when they are certain."""
    rk = kontora().kinds.get(INVOICE)
    if rk is None:
        return
    model = rk.model
    payer = session().scalar(select(BankAccount.client_id).where(
        BankAccount.iban == line.counterparty_iban)) if line.counterparty_iban else None
    line.party_id = payer
    tokens = remittance_tokens(line.remittance or "")
    named = list(session().scalars(select(model).where(model.number.in_(tokens))
                                   .order_by(model.due_date, model.id))) if tokens else []
    named = [r for r in named if _open(r.id, line.currency) is not None]
    if named:
        parties = {r.party_id for r in named}
        if len(parties) == 1 and (payer is None or payer in parties):
            line.party_id = parties.pop()
            _book(line, [r.id for r in named], actor_id=importer)
            return
        _candidates(line, [r.id for r in named])
        return
    if payer is None:
        return
    fitting = [r.id for r in session().scalars(
        select(model).where(model.party_id == payer).order_by(model.due_date, model.id))
        if _open(r.id, line.currency) == line.amount]
    if len(fitting) == 1:
        _book(line, fitting, actor_id=importer)
    elif fitting:
        _candidates(line, fitting)


def remittance_tokens(text: str) -> set[str]:
    """The words of a remittance that could be invoice numbers; a run joined by ``/``
    (``/REMI/PLATA FACTURA FCT-2026-00001/IBAN/...``, as Romanian banks tag ``:86:``)
    counts whole and in its parts, so numbers with and without a ``/`` are both found."""
    tokens = set()
    for token in TOKEN.findall(text.upper()):
        tokens.add(token.strip("-/"))
        tokens.update(part.strip("-") for part in token.split("/") if len(part) > 2)
    return tokens


def _candidates(line: StatementLine, ids: list[int]) -> None:
    line.state = "ambiguous"
    line.candidates = ",".join(str(i) for i in ids[:40])


def _book(line: StatementLine, invoice_ids: list[int], principal: Any = None, *,
          actor_id: int | None = None) -> None:
    """Book the line as a transfer allocated to ``invoice_ids`` in order, up to what each
    has open and what the line brings; the rest is credit."""
    left = line.amount
    wanted = []
    for record_id in invoice_ids:
        open_now = _open(record_id, line.currency)
        if open_now is None or left <= 0:
            continue
        part = min(open_now, left)
        wanted.append({"record_kind": INVOICE, "record_id": record_id, "amount": part})
        left -= part
    payment = book(principal, {
        "party_id": line.party_id, "method": "transfer", "amount": line.amount,
        "currency": line.currency, "paid_on": line.booked_on,
        "reference": (line.bank_reference or line.remittance or "")[:140] or None,
        "notes": line.remittance}, wanted, actor_id=actor_id)
    line.payment_id = payment.id
    line.state = "matched" if principal is None else "settled"


def _review_line(line_id: int) -> StatementLine:
    line = lock_record(StatementLine, line_id)
    if line is None:
        raise NotFound(_("There is no such statement line."))
    if line.state not in ("ambiguous", "unmatched"):
        raise Conflict(_("This line was settled already."))
    return line


@service("payments.write")
def settle_line(principal: Any, line_id: int, invoice_ids: list[int]) -> StatementLine:
    """Book a waiting line against invoices picked by hand (of one client)."""
    line = _review_line(line_id)
    if not invoice_ids:
        raise InvalidPayment({"invoices": [_("Pick at least one invoice.")]})
    records = [load_record(principal, INVOICE, i, "read") for i in invoice_ids]
    parties = {r.party_id for r in records}
    if len(parties) != 1:
        raise InvalidPayment({"invoices": [_("Pick invoices of one client.")]})
    line.party_id = parties.pop()
    if all(_open(r.id, line.currency) is None for r in records):
        raise InvalidPayment({"invoices": [_("Nothing is open on these invoices.")]})
    _book(line, invoice_ids, principal)
    session().flush()
    return line


@service("payments.write")
def ignore_line(principal: Any, line_id: int) -> StatementLine:
    """Set a waiting line aside (not a client's payment)."""
    line = _review_line(line_id)
    line.state = "ignored"
    session().flush()
    return line


def waiting_lines(principal: Any) -> list[StatementLine]:
    """The lines the review screen shows, oldest first."""
    require(principal, "payments.write")
    return list(session().scalars(select(StatementLine).where(
        StatementLine.state.in_(("ambiguous", "unmatched")))
        .order_by(StatementLine.booked_on, StatementLine.id).limit(500)))


def pickable(principal: Any, line: StatementLine, limit: int = 200) -> list[tuple[Any, Any]]:
    """The open invoices the review screen offers for ``line`` with what is open on each:
    the fitting ones of an ambiguous line, else the payer's, else any in its currency."""
    rk = kontora().kinds.get(INVOICE)
    if rk is None or not principal.has(rk.read_permission):
        return []
    model = rk.model
    stmt = select(model).order_by(model.due_date, model.id).limit(limit)
    if line.candidates:
        stmt = stmt.where(model.id.in_([int(i) for i in line.candidates.split(",")]))
    elif line.party_id is not None:
        stmt = stmt.where(model.party_id == line.party_id)
    else:
        stmt = stmt.where(model.currency == line.currency)
    found = []
    for record in session().scalars(scope(stmt, model, principal, prefix=rk.permission_prefix)):
        left = _open(record.id, line.currency)
        if left is not None:
            found.append((record, left))
    return found
