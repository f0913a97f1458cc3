"""What an import row may hold, and checking one row.

The checks are those of the services, done without marshmallow's per-row overhead (an
import of 100,000 rows would spend most of its time there): the same choices and
lengths as the schemas, and for identifiers the very function the schemas call
(``schemas.requisites``: python-stdnum by country, compact form stored). Messages are
marshmallow's own wording, translated the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.i18n.validation import translate_validation_message as translated
from plugins.parties.models import (
    CLIENT_KINDS,
    CLIENT_STATUSES,
    LOYALTY_LEVELS,
    RELATIONSHIPS,
    SIZES,
)
from plugins.parties.schemas import requisites

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
REQUIRED = "Missing data for required field."


@dataclass(frozen=True)
class ImportField:
    """A field a file column can be mapped to; ``aliases`` help the automatic mapping."""

    name: str
    label: Any
    required: bool = False
    aliases: tuple[str, ...] = ()


CLIENT_FIELDS = (
    ImportField("name", _l("Name"), True, ("client", "company", "denumire", "название")),
    ImportField("country", _l("Country (ISO code)"), True, ("tara", "țara", "държава")),
    ImportField("kind", _l("Kind"), aliases=("type",)),
    ImportField("status", _l("Status")),
    ImportField("tax_id", _l("Tax id (CUI/CIF, EIK, INN)"),
                aliases=("cui", "cif", "eik", "inn", "tax id", "инн")),
    ImportField("vat_number", _l("VAT number"), aliases=("vat", "vat id")),
    ImportField("trade_register_no", _l("Trade register number"),
                aliases=("onrc", "ogrn", "reg com")),
    ImportField("personal_id", _l("Personal id (CNP, EGN)"), aliases=("cnp", "egn")),
    ImportField("email", _l("E-mail"), aliases=("e-mail", "mail")),
    ImportField("phone", _l("Phone"), aliases=("telephone", "telefon")),
    ImportField("website", _l("Website"), aliases=("web", "url")),
    ImportField("relationship_type", _l("Relationship"), aliases=("relationship",)),
    ImportField("loyalty", _l("Loyalty")),
    ImportField("size", _l("Size")),
    ImportField("tags", _l("Tags")),
    ImportField("notes", _l("Notes")),
)
CONTACT_FIELDS = (
    ImportField("name", _l("Name"), True, ("full name", "person", "nume")),
    ImportField("job_title", _l("Job title"), aliases=("title", "position", "functie")),
    ImportField("email", _l("E-mail"), aliases=("e-mail", "mail")),
    ImportField("phone", _l("Phone"), aliases=("telephone", "telefon")),
    ImportField("mobile", _l("Mobile"), aliases=("cell", "mobil")),
    ImportField("role", _l("Role for this client")),
    ImportField("client_tax_id", _l("Client's tax id"), aliases=("client tax id", "cui")),
    ImportField("client_name", _l("Client's name"), aliases=("client", "company")),
    ImportField("notes", _l("Notes")),
)
FIELDS = {"clients": CLIENT_FIELDS, "contacts": CONTACT_FIELDS}

CHOICES = {"kind": CLIENT_KINDS, "status": CLIENT_STATUSES,
           "relationship_type": RELATIONSHIPS, "loyalty": LOYALTY_LEVELS, "size": SIZES}
DEFAULTS = {"kind": "legal_entity", "status": "prospect", "relationship_type": "customer"}
LENGTHS = {"name": 200, "email": 254, "phone": 40, "website": 200, "job_title": 120,
           "role": 120, "mobile": 40, "notes": 10000}


def auto_mapping(target: str, columns: list[str]) -> dict[str, str]:
    """Column index (as text) -> field name, for headers naming a field or an alias."""
    known: dict[str, str] = {}
    for f in FIELDS[target]:
        for word in (f.name, f.name.replace("_", " "), str(f.label), *f.aliases):
            known.setdefault(_fold(word), f.name)
    mapping: dict[str, str] = {}
    for index, header in enumerate(columns):
        name = known.get(_fold(header))
        if name and name not in mapping.values():
            mapping[str(index)] = name
    return mapping


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[_\-.:]", " ", text).casefold().split())


def client_row(raw: dict[str, str]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The client values of one row, checked like ``create_client`` does, and the errors."""
    data: dict[str, Any] = {k: v.strip() for k, v in raw.items() if v and v.strip()}
    errors: dict[str, list[str]] = {}
    for name in ("name", "country"):
        if name not in data:
            errors[name] = [translated(REQUIRED)]
    for name, choices in CHOICES.items():
        value = data.get(name) or DEFAULTS.get(name)
        if value is None:
            continue
        code = value.casefold().replace(" ", "_").replace("-", "_")
        if code not in choices:
            errors[name] = [translated(f"Must be one of: {', '.join(choices)}.")]
        data[name] = code
    if "country" in data and not re.fullmatch(r"[A-Za-z]{2}", data["country"]):
        errors["country"] = [_("Use the two-letter country code (RO, BG, RU ...).")]
    _check_common(data, errors)
    if "tags" in data:
        data["tags"] = sorted({t.strip()[:60] for t in re.split(r"[,;|]", data["tags"])
                               if t.strip()})
    values, identifier_errors = requisites(data)
    for name, messages in identifier_errors.items():
        errors.setdefault(name, messages)
    return values, errors


def contact_row(raw: dict[str, str]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The contact values of one row and the errors."""
    data: dict[str, Any] = {k: v.strip() for k, v in raw.items() if v and v.strip()}
    errors: dict[str, list[str]] = {}
    if "name" not in data:
        errors["name"] = [translated(REQUIRED)]
    _check_common(data, errors)
    for name in ("phone", "mobile"):
        if name in data:
            data[name] = " ".join(data[name].split())
            if not any(ch.isdigit() for ch in data[name]):
                errors.setdefault(name, [_("A phone number needs digits.")])
    return data, errors


def _check_common(data: dict[str, Any], errors: dict[str, list[str]]) -> None:
    for name, limit in LENGTHS.items():
        if name in data and len(data[name]) > limit:
            errors.setdefault(name, [translated(f"Longer than maximum length {limit}.")])
    if "email" in data:
        data["email"] = data["email"].lower()
        if not EMAIL.match(data["email"]):
            errors.setdefault("email", [translated("Not a valid email address.")])
