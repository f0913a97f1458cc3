"""This plugin's own sections of the client page; each reads what it shows in one query."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import render_template
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from core.db import session
from core.i18n import lazy_gettext as _l
from plugins.parties.models import Address, BankAccount, ClientContact, Contact


def profile_sections(party_id: int) -> list[dict[str, Any]]:
    return [
        {"key": "parties.contacts", "title": _l("Contact persons"), "order": 10,
         "render": partial(_contacts, party_id)},
        {"key": "parties.addresses", "title": _l("Addresses"), "order": 20,
         "render": partial(_addresses, party_id)},
        {"key": "parties.bank_accounts", "title": _l("Bank accounts"), "order": 30,
         "render": partial(_bank_accounts, party_id)},
    ]


def _contacts(client_id: int) -> str:
    links = session().scalars(
        select(ClientContact).where(ClientContact.client_id == client_id)
        .join(ClientContact.contact)
        .options(contains_eager(ClientContact.contact).joinedload(Contact.methods))
        .order_by(ClientContact.is_primary.desc(), Contact.name)).unique().all()
    return render_template("parties/sections/contacts.html", client_id=client_id, links=links)


def _addresses(client_id: int) -> str:
    addresses = session().scalars(select(Address).where(Address.client_id == client_id)
                                  .order_by(Address.use, Address.id)).all()
    return render_template("parties/sections/addresses.html", client_id=client_id,
                           addresses=addresses)


def _bank_accounts(client_id: int) -> str:
    accounts = session().scalars(select(BankAccount).where(BankAccount.client_id == client_id)
                                 .order_by(BankAccount.id)).all()
    return render_template("parties/sections/bank_accounts.html", client_id=client_id,
                           accounts=accounts)
