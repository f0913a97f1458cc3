"""Duplicate detection: the same tax id, VAT number or e-mail, or a very similar name.

Names are compared as keys folded by :func:`name_key` (case, accents, punctuation and
legal-form words such as SRL, EOOD, Ltd removed) and scored with RapidFuzz's
``token_sort_ratio``, so "S.C. Alfa Construct S.R.L." meets "Alfa Construct SRL" and
"Construct Alfa". Candidates are not limited by record rules: the point is to stop two
salespeople creating the same company; the caller decides how much of them to show.
RapidFuzz is imported on the first check, so processes that never save a client skip it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select

from core.db import fold, session
from plugins.parties.models import Client, ClientContact, ContactMethod

SIMILAR_NAME = 88
"""Lowest name score (0-100) reported as a duplicate."""

MAX_CANDIDATES = 10

LEGAL_FORMS = frozenset([
    "sc", "srl", "sa", "snc", "scs", "sca", "pfa", "ii", "if", "ra",  # Romania
    "ood", "eood", "ad", "ead", "et", "kd", "kda", "sd",  # Bulgaria, transliterated
    "ooo", "oao", "zao", "pao", "ao", "ip",  # Russia, transliterated
    "ltd", "limited", "llc", "plc", "inc", "corp", "co", "company", "gmbh", "ag", "bv", "nv",
    "sarl", "sas", "spa",
    "оод", "еоод", "ад", "еад", "ет", "кд", "сд",
    "ооо", "оао", "зао", "пао", "ао", "ип",  # noqa: RUF001
])


def name_key(name: str) -> str:
    """``name`` folded for comparison: lower case, no accents, punctuation or legal forms."""
    text = fold(name)
    words = re.findall(r"\w+", text.replace(".", ""))  # s.r.l. -> srl
    kept = [w for w in words if w not in LEGAL_FORMS]
    return " ".join(kept or words)[:200]


@dataclass
class Candidate:
    """An existing client that looks like the one being entered, and why."""

    client_id: int
    name: str
    country: str
    reasons: list[str] = field(default_factory=list)
    score: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.client_id, "name": self.name, "country": self.country,
                "reasons": self.reasons, "score": self.score}


def find_duplicates(data: dict[str, Any], exclude_id: int | None = None) -> list[Candidate]:
    """Clients matching validated client ``data``, best first.

    Reasons: ``tax_id``, ``vat_number``, ``email`` (the client's or one of its contacts'),
    ``name`` (score at least :data:`SIMILAR_NAME`).
    """
    from rapidfuzz import fuzz

    found: dict[int, Candidate] = {}

    def add(client: Client, reason: str, score: int = 100) -> None:
        cand = found.setdefault(client.id, Candidate(client.id, client.name, client.country))
        if reason not in cand.reasons:
            cand.reasons.append(reason)
        cand.score = max(cand.score, score)

    base = select(Client)
    if exclude_id is not None:
        base = base.where(Client.id != exclude_id)
    sess = session()
    if data.get("tax_id"):
        for c in sess.scalars(base.where(Client.country == data["country"],
                                         Client.tax_id == data["tax_id"])):
            add(c, "tax_id")
    if data.get("vat_number"):
        for c in sess.scalars(base.where(Client.vat_number == data["vat_number"])):
            add(c, "vat_number")
    if data.get("email"):
        email = data["email"].lower()
        via_contact = (select(ClientContact.client_id)
                       .join(ContactMethod, ContactMethod.contact_id == ClientContact.contact_id)
                       .where(ContactMethod.channel == "email", ContactMethod.value == email))
        for c in sess.scalars(base.where(or_(Client.email == email, Client.id.in_(via_contact)))):
            add(c, "email")
    key = name_key(data.get("name") or "")
    stems = {w[:4] for w in key.split() if len(w) >= 3} or ({key} if key else set())
    if stems:
        near = or_(*(Client.name_key.like("%" + _escape(stem) + "%", escape="\\")
                     for stem in sorted(stems)))
        for c in sess.scalars(base.where(near).limit(500)):
            score = int(fuzz.token_sort_ratio(key, c.name_key))
            if score >= SIMILAR_NAME:
                add(c, "name", score)
    return sorted(found.values(), key=lambda c: (-len(c.reasons), -c.score, c.client_id))[
        :MAX_CANDIDATES]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")
