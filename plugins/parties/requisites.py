"""A client's requisites as a document prints them under its name, laid out by its kind.

A company or sole trader is named by its tax id, trade register number and VAT number and
its registered office; a private person by their personal id (CNP, EGN, INN) and their
address. Each identifier carries the name the client's country gives it (CUI/CIF,
EIK/BULSTAT, INN, OGRN: :mod:`core.identifiers`), in the document's language, so a
Romanian, Bulgarian or Russian buyer reads as their own papers do. Offers, orders and any
later document print the same lines.
"""

from __future__ import annotations

from typing import Any

from core.db import session
from core.i18n import gettext as _
from core.identifiers import FIELD_LABELS, rule_for
from plugins.parties.models import Contact

COMPANY_FIELDS = ("tax_id", "trade_register_no", "vat_number")
PERSON_FIELDS = ("personal_id", "vat_number")


def requisite_lines(client: Any) -> list[str]:
    """The lines under the buyer's name: identifiers, address, the default bank account."""
    person = client.kind == "private_person"
    lines = [f"{identifier_name(field, client.country)}: {value}"
             for field in (PERSON_FIELDS if person else COMPANY_FIELDS)
             if (value := getattr(client, field, None))]
    address = postal_address(client)
    if address:
        label = _("Address") if person else _("Registered office")
        lines.append(f"{label}: {address}")
    account = next((a for a in client.bank_accounts if a.is_default), None)
    if account is not None:
        lines.append(" · ".join(p for p in (f"IBAN {account.iban}", account.bic,
                                            account.bank_name) if p))
    return lines


def identifier_name(field: str, country: str | None) -> str:
    """"CUI/CIF" for a Romanian tax id, "EIK/BULSTAT" for a Bulgarian one, else the plain
    label ("Tax id")."""
    rule = rule_for(field, country)
    name = str(rule.name if rule is not None else FIELD_LABELS[field])
    return name[:1].upper() + name[1:]


def postal_address(client: Any) -> str:
    """The address a document names the buyer at, on one line: a company's registered
    office, a person's correspondence address (else any default one)."""
    uses = (("correspondence", "registered", "delivery") if client.kind == "private_person"
            else ("registered", "correspondence"))
    address = next((a for use in uses if (a := client.default_address(use)) is not None), None)
    if address is None:
        return ""
    city = " ".join(p for p in (address.postal_code, address.city) if p)
    return ", ".join(p for p in (address.street, city, address.region, address.country) if p)


def contact_name(contact_id: int | None) -> str:
    """The name of the contact person a document is addressed to ("" when none)."""
    contact = session().get(Contact, contact_id) if contact_id is not None else None
    return contact.name if contact is not None else ""
