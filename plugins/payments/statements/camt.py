"""ISO 20022 CAMT.053 (statement), CAMT.052 (report) and CAMT.054 (notification) with lxml.

The three share the entry (``Ntry``) structure, so one parser reads them: for each booked
entry (pending ones are skipped), the amount and currency, credit or debit, the booking
date, the bank's reference, and per transaction (``NtryDtls/TxDtls``; a batch entry has
several) the remittance text (unstructured ``Ustrd`` and the structured creditor
reference), the debtor's name and IBAN.
Entities and network access are off: a statement is data, never a reason to fetch anything.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from core.i18n import gettext as _
from plugins.payments.statements.parsed import (
    ParsedLine,
    ParsedStatement,
    StatementError,
    compact_iban,
)

MAX_AMOUNT = Decimal("1e12")
NOT_BOOKED = {"PDNG", "INFO", "FUTR"}
"""Entry statuses (``Sts``, or ``Sts/Cd`` from version 8) of money not booked yet."""
CONTAINERS = {"BkToCstmrStmt": "Stmt", "BkToCstmrAcctRpt": "Rpt",
              "BkToCstmrDbtCdtNtfctn": "Ntfctn"}


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _find(element: etree._Element, path: str) -> etree._Element | None:
    """The first element along ``path`` (local names, ``/``-separated), any namespace."""
    found = element
    for name in path.split("/"):
        found = next((c for c in found if isinstance(c.tag, str) and _local(c) == name), None)
        if found is None:
            return None
    return found


def _text(element: etree._Element, path: str) -> str:
    found = _find(element, path)
    return (found.text or "").strip() if found is not None else ""


def _where(element: etree._Element, path: str = "") -> str:
    return _("element %(name)s (line %(line)s)",
             name=_local(element) + (f"/{path}" if path else ""), line=element.sourceline)


def parse_camt(data: bytes) -> ParsedStatement:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise StatementError(_("line %(line)s", line=exc.lineno),
                             _("not well-formed XML (%(reason)s)", reason=exc.msg)) from None
    namespace = etree.QName(root).namespace or ""
    kind = next((n for n in ("camt.053", "camt.052", "camt.054") if n in namespace), None)
    body = next((c for c in root if isinstance(c.tag, str)), None)
    if kind is None or body is None or _local(body) not in CONTAINERS:
        raise StatementError(_where(root), _("not a CAMT.052, CAMT.053 or CAMT.054 document"))
    statements = [c for c in body if isinstance(c.tag, str)
                  and _local(c) == CONTAINERS[_local(body)]]
    if len(statements) != 1:
        raise StatementError(_where(body), _("give exactly one statement per file"))
    statement = statements[0]
    reference = _text(statement, "Id")
    account = compact_iban(_text(statement, "Acct/Id/IBAN") or _text(statement, "Acct/Id/Othr/Id"))
    if not reference or not account:
        raise StatementError(_where(statement, "Id" if not reference else "Acct/Id/IBAN"),
                             _("missing"))
    parsed = ParsedStatement(format=kind, reference=reference, account=account)
    for entry in (c for c in statement if isinstance(c.tag, str) and _local(c) == "Ntry"):
        parsed.lines.extend(_entry(entry))
    return parsed


def _amount(element: etree._Element, path: str) -> tuple[Decimal, str]:
    found = _find(element, path)
    if found is None:
        raise StatementError(_where(element, path), _("missing"))
    currency = (found.get("Ccy") or "").strip().upper()
    try:
        amount = Decimal((found.text or "").strip())
    except InvalidOperation:
        raise StatementError(_where(found), _("%(text)r is not an amount", text=found.text)) \
            from None
    if len(currency) != 3 or not amount.is_finite() or not 0 < amount < MAX_AMOUNT or \
            amount != amount.quantize(Decimal("0.01")):
        raise StatementError(_where(found), _("needs a positive amount (two decimals at most) "
                                              "and a Ccy currency"))
    return amount, currency


def _entry(entry: etree._Element) -> list[ParsedLine]:
    """The movements of a booked entry; none for a pending or information-only one (an
    intraday CAMT.052 shows those before they are booked; the statement brings them)."""
    amount, currency = _amount(entry, "Amt")
    if (_text(entry, "Sts/Cd") or _text(entry, "Sts")) in NOT_BOOKED:
        return []
    direction = _text(entry, "CdtDbtInd")
    if direction not in ("CRDT", "DBIT"):
        raise StatementError(_where(entry, "CdtDbtInd"), _("must be CRDT or DBIT"))
    day = _text(entry, "BookgDt/Dt") or _text(entry, "BookgDt/DtTm")[:10] or \
        _text(entry, "ValDt/Dt")
    try:
        booked = date.fromisoformat(day)
    except ValueError:
        raise StatementError(_where(entry, "BookgDt"), _("%(text)r is not a date", text=day)) \
            from None
    bank_ref = _text(entry, "AcctSvcrRef")
    details = _find(entry, "NtryDtls")
    transactions = [c for c in details if isinstance(c.tag, str) and _local(c) == "TxDtls"] \
        if details is not None else []
    if not transactions:
        return [ParsedLine(booked, amount, currency, direction == "CRDT",
                           " ".join(_texts(entry, "AddtlNtryInf")), bank_reference=bank_ref)]
    lines = []
    for tx in transactions:
        tx_amount, tx_currency = (_amount(tx, "Amt") if _find(tx, "Amt") is not None
                                  else (amount, currency))
        if len(transactions) == 1:
            tx_amount, tx_currency = amount, currency
        party = "Dbtr" if direction == "CRDT" else "Cdtr"
        name = _text(tx, f"RltdPties/{party}/Nm") or _text(tx, f"RltdPties/{party}/Pty/Nm")
        iban = _text(tx, f"RltdPties/{party}Acct/Id/IBAN")
        remittance = " ".join([*_texts(tx, "RmtInf", "Ustrd"),
                               _text(tx, "RmtInf/Strd/CdtrRefInf/Ref")]).strip()
        reference = _text(tx, "Refs/AcctSvcrRef") or bank_ref
        if len(transactions) > 1 and reference == bank_ref:
            reference = f"{bank_ref}/{_text(tx, 'Refs/EndToEndId') or len(lines) + 1}"
        lines.append(ParsedLine(booked, tx_amount, tx_currency, direction == "CRDT",
                                remittance, name, compact_iban(iban), reference))
    return lines


def _texts(element: etree._Element, path: str, leaf: str | None = None) -> list[str]:
    """Every ``leaf`` text under ``path`` (or the texts of ``path`` elements themselves)."""
    found = _find(element, path)
    if found is None:
        return []
    if leaf is None:
        return [(found.text or "").strip()]
    return [(c.text or "").strip() for c in found if isinstance(c.tag, str)
            and _local(c) == leaf]
