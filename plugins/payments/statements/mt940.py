"""SWIFT MT940, with the Romanian and Bulgarian banks' ``:86:`` variants.

A field starts with ``:<tag>:`` at the start of a line and runs until the next one. Read:
``:20:`` (reference), ``:25:`` (account: an IBAN, or ``bank code/account``), ``:28C:``
(statement number), ``:60F:``/``:60M:`` (opening balance, giving the currency), ``:61:``
(a movement: value date, optional entry date, C/D/RC/RD, amount with a decimal comma,
transaction type, customer reference ``//`` bank reference) and the ``:86:`` after it.

``:86:`` comes structured (``NNN?20...?29`` remittance, ``?32``/``?33`` name, ``?31`` or
``?38`` IBAN, as German banks started and many RO/BG banks follow, some with ``/`` between
subfields) or as free text, where the IBAN is looked for (RO and BG ones included). The
statement is read whole before anything is booked; the first wrong field is named with its
line number.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from core.i18n import gettext as _
from plugins.payments.statements.parsed import (
    ParsedLine,
    ParsedStatement,
    StatementError,
    compact_iban,
)

FIELD = re.compile(r"^:(\d\d[A-Z]?):(.*)$")
LINE_61 = re.compile(
    r"^(?P<value>\d{6})(?P<entry>\d{4})?(?P<mark>RC|RD|C|D)(?P<funds>[A-Z])?"
    r"(?P<amount>\d{1,15},\d{0,2})(?P<type>[NFS][A-Z0-9]{3})(?P<refs>.*)$", re.S)
BALANCE = re.compile(r"^[CD](?P<date>\d{6})(?P<currency>[A-Z]{3})\d{1,15},\d{0,2}$")
SUBFIELD = re.compile(r"\?(\d\d)")
IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,4})?)\b")


def _fields(text: str) -> list[tuple[str, str, int]]:
    """``(tag, value, line number)`` of every field; continuation lines joined by newlines."""
    fields: list[tuple[str, str, int]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        match = FIELD.match(line)
        if match:
            fields.append((match.group(1), match.group(2), number))
        elif line.strip() in ("-", "-}", "}") or line.startswith(("{1:", "{2:", "{4:")):
            continue
        elif fields:
            tag, value, start = fields[-1]
            fields[-1] = (tag, f"{value}\n{line}", start)
        elif line.strip():
            raise StatementError(_("line %(line)s", line=number),
                                 _("text before the first :20: field"))
    return fields


def _day(text: str, where: str) -> date:
    try:
        return date(2000 + int(text[:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        raise StatementError(where, _("%(text)r is not a YYMMDD date", text=text)) from None


def parse_mt940(data: bytes) -> ParsedStatement:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # Bulgarian banks still export Windows-1251
        text = data.decode("cp1251", errors="replace")
    fields = _fields(text)
    tags = {tag for tag, _v, _n in fields}
    for needed in ("20", "25"):
        if needed not in tags:
            raise StatementError(f":{needed}:", _("missing"))
    if not tags & {"60F", "60M"}:
        raise StatementError(":60F:", _("missing (the opening balance gives the currency)"))
    reference = account = currency = ""
    number = ""
    lines: list[ParsedLine] = []
    pending: dict[str, object] | None = None
    for tag, value, line_no in fields:
        where = _("line %(line)s", line=line_no) + f" (:{tag}:)"
        if tag == "20":
            reference = value.strip()
        elif tag == "25":
            if account and _account(value) != account:
                raise StatementError(where, _("a second account in one file; import each "
                                              "account's statement on its own"))
            account = _account(value)
        elif tag == "28C":
            number = value.strip()
        elif tag in ("60F", "60M"):
            match = BALANCE.match(value.strip())
            if not match:
                raise StatementError(where, _("not an opening balance (C|D, YYMMDD, currency, "
                                              "amount)"))
            currency = match.group("currency")
        elif tag == "61":
            if pending is not None:
                lines.append(_line(pending, "", currency))
            pending = _movement(value, where)
        elif tag == "86" and pending is not None:
            lines.append(_line(pending, value, currency))
            pending = None
    if pending is not None:
        lines.append(_line(pending, "", currency))
    return ParsedStatement(format="mt940", reference=f"{reference}/{number}".strip("/"),
                           account=account, lines=lines)


def _account(value: str) -> str:
    """The account of ``:25:``: an IBAN alone, after the bank's BIC (``BTRLRO22/RO49...``,
    as Romanian banks write it) or before the currency, else the last part of
    ``bank code/account``."""
    parts = [compact_iban(part) for part in value.split("/") if part.strip()]
    return next((part for part in parts if IBAN.fullmatch(part)), parts[-1] if parts else "")


def _movement(value: str, where: str) -> dict[str, object]:
    first, _sep, rest = value.partition("\n")
    match = LINE_61.match(first.strip())
    if not match:
        raise StatementError(where, _("not a statement line (YYMMDD[MMDD] C|D amount type "
                                      "reference)"))
    amount = Decimal(match.group("amount").replace(",", "."))
    if amount <= 0:
        raise StatementError(where, _("the amount must be positive"))
    customer, _sep, bank = match.group("refs").partition("//")
    return {"booked_on": _day(match.group("value"), where), "amount": amount,
            "credit": match.group("mark") in ("C", "RD"),
            "bank_reference": (bank.strip() or customer.strip()
                               if customer.strip() != "NONREF" else bank.strip()),
            "supplement": rest.strip()}


def _line(movement: dict[str, object], info: str, currency: str) -> ParsedLine:
    remittance, name, iban = _details(info)
    return ParsedLine(booked_on=movement["booked_on"],  # type: ignore[arg-type]
                      amount=movement["amount"], currency=currency,  # type: ignore[arg-type]
                      credit=bool(movement["credit"]),
                      remittance=" ".join(p for p in (remittance, str(movement["supplement"]))
                                          if p),
                      counterparty_name=name, counterparty_iban=iban,
                      bank_reference=str(movement["bank_reference"]))


def _details(info: str) -> tuple[str, str, str]:
    """``(remittance, name, IBAN)`` from a ``:86:`` field, structured or free."""
    flat = info.replace("\n", "")
    if SUBFIELD.search(flat):
        parts: dict[str, str] = {}
        pieces = SUBFIELD.split(flat)
        for code, content in zip(pieces[1::2], pieces[2::2], strict=False):
            parts[code] = parts.get(code, "") + content.strip("/ ")
        remittance = " ".join(parts[c] for c in sorted(parts) if "20" <= c <= "29")
        name = " ".join(parts[c] for c in ("32", "33") if parts.get(c))
        iban = compact_iban(parts.get("38") or parts.get("31") or "")
        if not IBAN.fullmatch(iban or "-"):
            found = IBAN.search(flat)
            iban = compact_iban(found.group(1)) if found else ""
        return remittance.strip(), name.strip(), iban
    found = IBAN.search(info.replace("\n", " "))
    return " ".join(info.split()), "", compact_iban(found.group(1)) if found else ""
