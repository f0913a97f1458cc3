"""Addresses by use (one default per use) and bank accounts of a client."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from core.db import session
from core.services import locked
from plugins.parties.exceptions import AddressNotFound, BankAccountNotFound
from plugins.parties.models import Address, BankAccount, Client
from plugins.parties.schemas import AddressSchema, BankAccountSchema
from plugins.parties.services.common import act_as, announce, load_client, validate


def add_address(principal: Any, client_id: int, data: dict[str, Any]) -> Address:
    """Add an address; the first of its use, or one marked ``is_default``, becomes default."""
    client = load_client(principal, client_id, "write")
    act_as(principal)
    values = validate(AddressSchema(), data)
    wants_default = values.pop("is_default")
    has_default = client.default_address(values["use"]) is not None
    address = Address(client=client, **values, is_default=False)
    session().add(address)
    session().flush()
    if wants_default or not has_default:
        _make_default(client, address)
    _announce(principal, address)
    return address


def set_default_address(principal: Any, address_id: int, *,
                        client_id: int | None = None) -> Address:
    """Make ``address_id`` the default of its use; the previous default stops being one."""
    address = _load_address(principal, address_id, client_id)
    act_as(principal)
    if not address.is_default:
        _make_default(address.client, address)
        _announce(principal, address)
    return address


def remove_address(principal: Any, address_id: int, *, client_id: int | None = None) -> None:
    """Remove an address; when it was the default, the oldest other of its use takes over."""
    address = _load_address(principal, address_id, client_id)
    act_as(principal)
    client, use, was_default = address.client, address.use, address.is_default
    client.addresses.remove(address)
    session().flush()
    if was_default:
        _hand_default_on(client, use)
    announce("parties.address-changed", address_id, client_id=client.id, use=use,
             is_default=False, principal_id=principal.user_id)


def update_address(principal: Any, address_id: int, data: dict[str, Any], *,
                   client_id: int | None = None) -> Address:
    """Change an address; ``is_default`` true makes it the default of its (new) use.

    Changing the use of a default address hands the old use's default to the oldest other
    address of that use.
    """
    address = _load_address(principal, address_id, client_id)
    act_as(principal)
    values = validate(AddressSchema(), data)
    wants_default = values.pop("is_default")
    old_use, was_default = address.use, address.is_default
    if values["use"] != old_use and was_default:
        address.is_default = False
        session().flush()
    for key, value in values.items():
        setattr(address, key, value)
    session().flush()
    client = address.client
    if values["use"] != old_use and was_default:
        _hand_default_on(client, old_use)
    if wants_default or (values["use"] != old_use and client.default_address(values["use"])
                         is None):
        _make_default(client, address)
    _announce(principal, address)
    return address


def add_bank_account(principal: Any, client_id: int, data: dict[str, Any]) -> BankAccount:
    """Add a bank account (IBAN validated and stored compact); the first is the default."""
    client = load_client(principal, client_id, "write")
    act_as(principal)
    values = validate(BankAccountSchema(), data)
    if values["is_default"] or not client.bank_accounts:
        for other in client.bank_accounts:
            other.is_default = False
        values["is_default"] = True
    account = BankAccount(**values)
    client.bank_accounts.append(account)
    session().flush()
    return account


def update_bank_account(principal: Any, account_id: int, data: dict[str, Any], *,
                        client_id: int | None = None) -> BankAccount:
    """Change a bank account; ``is_default`` true makes it the client's default."""
    account = _load_account(principal, account_id, client_id)
    act_as(principal)
    values = validate(BankAccountSchema(), data)
    if values.pop("is_default") and not account.is_default:
        for other in account.client.bank_accounts:
            other.is_default = other is account
    for key, value in values.items():
        setattr(account, key, value)
    session().flush()
    return account


def remove_bank_account(principal: Any, account_id: int, *,
                        client_id: int | None = None) -> None:
    """Remove a bank account; when it was the default, the oldest other one takes over."""
    account = _load_account(principal, account_id, client_id)
    act_as(principal)
    client = account.client
    client.bank_accounts.remove(account)
    if account.is_default and client.bank_accounts:
        client.bank_accounts[0].is_default = True
    session().flush()


def _load_account(principal: Any, account_id: int, client_id: int | None) -> BankAccount:
    """The account, its client locked; 404 if it is not ``client_id``'s (when given)."""
    owner = session().scalar(select(BankAccount.client_id).where(BankAccount.id == account_id))
    if owner is None or client_id not in (None, owner):
        raise BankAccountNotFound(account_id)
    locked(load_client(principal, owner, "write"))
    return session().get(BankAccount, account_id)


def _hand_default_on(client: Client, use: str) -> None:
    heir = next((a for a in client.addresses if a.use == use and not a.is_default), None)
    if heir is not None and client.default_address(use) is None:
        _make_default(client, heir)


def _make_default(client: Client, address: Address) -> None:
    """Clear the old default first, in SQL, so the partial unique index never sees two."""
    session().execute(
        update(Address)
        .where(Address.client_id == client.id, Address.use == address.use,
               Address.id != address.id, Address.is_default)
        .values(is_default=False)
        .execution_options(synchronize_session="fetch"))
    address.is_default = True
    session().flush()


def _load_address(principal: Any, address_id: int, client_id: int | None) -> Address:
    """The address, its client locked (one default per use holds under concurrent calls);
    404 if it is not ``client_id``'s (when given)."""
    owner = session().scalar(select(Address.client_id).where(Address.id == address_id))
    if owner is None or client_id not in (None, owner):
        raise AddressNotFound(address_id)
    locked(load_client(principal, owner, "write"))
    return session().get(Address, address_id)


def _announce(principal: Any, address: Address) -> None:
    announce("parties.address-changed", address.id, client_id=address.client_id,
             use=address.use, is_default=address.is_default, principal_id=principal.user_id)
