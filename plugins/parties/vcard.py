"""vCard 4.0 (RFC 6350) for contact persons: writing cards and reading them back.

Written by hand rather than with a library because only a few properties matter (FN,
TITLE, ROLE, ORG, EMAIL, TEL, NOTE) and the rules that make cards portable are few:
escape ``\\``, ``,``, ``;`` and newlines in text; fold lines longer than 75 octets
without cutting a UTF-8 character; end lines with CRLF. The reader also takes vCard 3.0
(``TYPE=pref``, ``item1.`` groups, folded lines) as phones and address books export it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

CRLF = "\r\n"
MAX_OCTETS = 75


@dataclass
class Card:
    """The parts of one vCard a contact person keeps."""

    name: str
    job_title: str | None = None
    role: str | None = None
    organisation: str | None = None
    notes: str | None = None
    methods: list[dict[str, Any]] = field(default_factory=list)

    def contact_data(self) -> dict[str, Any]:
        """As the ``contact`` input of ``services.add_contact``."""
        preferred = next((m["channel"] for m in self.methods if m["preferred"]),
                         self.methods[0]["channel"] if self.methods else "email")
        return {"name": self.name, "job_title": self.job_title, "notes": self.notes,
                "preferred_channel": preferred, "methods": self.methods}


def card_of(contact: Any, role: str | None = None, organisation: str | None = None) -> Card:
    """The :class:`Card` of a ``Contact`` model row."""
    methods = [{"channel": m.channel, "value": m.value, "preferred": m.preferred}
               for m in contact.methods]
    return Card(name=contact.name, job_title=contact.job_title, role=role,
                organisation=organisation, notes=contact.notes, methods=methods)


def write(cards: Iterable[Card]) -> str:
    """The cards as one ``text/vcard`` document."""
    return "".join(_write_one(card) for card in cards)


def _write_one(card: Card) -> str:
    lines = ["BEGIN:VCARD", "VERSION:4.0", "FN:" + _escape(card.name)]
    for prop, value in (("TITLE", card.job_title), ("ROLE", card.role),
                        ("ORG", card.organisation), ("NOTE", card.notes)):
        if value:
            lines.append(f"{prop}:{_escape(value)}")
    for method in card.methods:
        pref = ";PREF=1" if method.get("preferred") else ""
        if method["channel"] == "email":
            lines.append(f"EMAIL;TYPE=work{pref}:{_escape(method['value'])}")
        else:
            kind = "cell" if method["channel"] == "mobile" else "voice"
            number = re.sub(r"[^\d+]", "", method["value"]) or method["value"]
            lines.append(f"TEL;VALUE=uri;TYPE={kind}{pref}:tel:{number}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + CRLF for line in lines)


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Split ``line`` into pieces of at most 75 octets, continuation lines start with a space."""
    pieces, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        limit = MAX_OCTETS if not pieces else MAX_OCTETS - 1
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += ch
        size += width
    pieces.append(current)
    return (CRLF + " ").join(pieces)


# --- reading ------------------------------------------------------------------------------


class VCardError(ValueError):
    """The text is not a vCard; the message says where."""


def read(text: str) -> Iterator[Card]:
    """Every card in ``text`` (vCard 3.0 or 4.0), in order."""
    card: Card | None = None
    for number, line in _unfolded(text):
        if not line.strip():
            continue
        name, params, value = _split(line, number)
        if name == "BEGIN" and value.upper() == "VCARD":
            card = Card(name="")
        elif card is None:
            raise VCardError(f"line {number}: {name} outside BEGIN:VCARD")
        elif name == "END":
            if card.name:
                yield card
            card = None
        else:
            _apply(card, name, params, value)
    if card is not None:
        raise VCardError("the last card has no END:VCARD")


def _unfolded(text: str) -> Iterator[tuple[int, str]]:
    current, start = None, 0
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if raw[:1] in (" ", "\t") and current is not None:
            current += raw[1:]
            continue
        if current is not None:
            yield start, current
        current, start = raw, number
    if current is not None:
        yield start, current


def _split(line: str, number: int) -> tuple[str, dict[str, list[str]], str]:
    head, sep, value = _partition_outside_quotes(line)
    if not sep:
        raise VCardError(f"line {number}: no ':' in {line[:40]!r}")
    parts = head.split(";")
    name = parts[0].rsplit(".", 1)[-1].upper()  # drop vCard groups: item1.EMAIL
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, _eq, val = part.partition("=")
        if not _eq:  # vCard 2.1 style bare type: TEL;CELL
            key, val = "TYPE", key
        values = [v.strip('"').lower() for v in val.split(",")]
        params.setdefault(key.upper(), []).extend(values)
    return name, params, value


def _partition_outside_quotes(line: str) -> tuple[str, str, str]:
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return line[:i], ":", line[i + 1:]
    return line, "", ""


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _apply(card: Card, name: str, params: dict[str, list[str]], value: str) -> None:
    types = params.get("TYPE", [])
    preferred = "pref" in types or "1" in params.get("PREF", [])
    if name == "FN":
        card.name = _unescape(value).strip()
    elif name == "N" and not card.name:
        family, given = ([*_unescape_parts(value), "", ""])[:2]
        card.name = f"{given} {family}".strip()
    elif name == "TITLE":
        card.job_title = _unescape(value).strip() or None
    elif name == "ROLE":
        card.role = _unescape(value).strip() or None
    elif name == "ORG":
        card.organisation = _unescape_parts(value)[0] or None
    elif name == "NOTE":
        card.notes = _unescape(value).strip() or None
    elif name == "EMAIL" and value.strip():
        card.methods.append({"channel": "email", "value": _unescape(value).strip(),
                             "preferred": preferred})
    elif name == "TEL" and value.strip():
        number = _unescape(value).strip()
        number = number[4:] if number.lower().startswith("tel:") else number
        channel = "mobile" if "cell" in types else "phone"
        card.methods.append({"channel": channel, "value": number, "preferred": preferred})


def _unescape_parts(value: str) -> list[str]:
    """A compound value (``N``, ``ORG``) split on unescaped ``;``."""
    return [_unescape(p).strip() for p in re.split(r"(?<!\\);", value)]
