"""Creating, changing and deleting clients with their requisites."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from core.db import session
from core.errors import Forbidden
from core.i18n import gettext as _
from core.identity.models import User
from core.jobs import enqueue
from core.permissions import require
from plugins.parties.duplicates import find_duplicates, name_key
from plugins.parties.exceptions import InvalidClientData, PossibleDuplicate, StaleClient
from plugins.parties.models import Address, BankAccount, Client, ClientGroup, CustomValue
from plugins.parties.schemas import ClientSchema
from plugins.parties.services.categories import apply_custom_values, apply_tags
from plugins.parties.services.common import (
    act_as,
    announce,
    check_version,
    load_client,
    validate,
)

COLUMNS = ("kind", "status", "name", "country", "tax_id", "vat_number", "trade_register_no",
           "personal_id", "email", "phone", "website", "relationship_type", "loyalty", "size",
           "group_id", "notes")
"""Client columns a service call may set directly (the rest have their own services)."""


def get_client(principal: Any, client_id: int, *, with_categories: bool = False) -> Client:
    """The client ``client_id`` if ``principal`` may read it (else ``ClientNotFound``).

    ``with_categories`` also reads its group, tags and custom values (with their fields)
    in a fixed number of queries, for the client page.
    """
    options = ()
    if with_categories:
        options = (joinedload(Client.group), selectinload(Client.tags),
                   selectinload(Client.custom_values).joinedload(CustomValue.field))
    return load_client(principal, client_id, "read", options)


def create_client(principal: Any, data: dict[str, Any], *,
                  allow_duplicate: bool = False) -> Client:
    """Create a client with its requisites, addresses, bank accounts, tags and custom values.

    Raises ``PossibleDuplicate`` listing look-alike clients unless ``allow_duplicate``.
    """
    require(principal, "parties.write")
    act_as(principal)
    values = validate(ClientSchema(), data)
    if not allow_duplicate:
        candidates = find_duplicates(values)
        if candidates:
            raise PossibleDuplicate(candidates)
    owner_id = _owner(principal, values.get("owner_id"))
    _check_group(values.get("group_id"))
    client = Client(**{k: values.get(k) for k in COLUMNS if k in values},
                    name_key=name_key(values["name"]), owner_id=owner_id,
                    created_by_id=principal.user_id, updated_by_id=principal.user_id)
    seen_default: set[str] = set()
    for addr in values.get("addresses", []):
        is_default = addr.pop("is_default") or addr["use"] not in seen_default
        if is_default:
            for other in client.addresses:
                if other.use == addr["use"]:
                    other.is_default = False
            seen_default.add(addr["use"])
        client.addresses.append(Address(**addr, is_default=is_default))
    for i, acc in enumerate(values.get("bank_accounts", [])):
        acc["is_default"] = acc["is_default"] or i == 0
        client.bank_accounts.append(BankAccount(**acc))
    session().add(client)
    session().flush()
    if "tags" in values:
        apply_tags(client, values["tags"])
    if values.get("custom"):
        apply_custom_values(client, values["custom"])
    session().flush()
    _check_vat_later(client)
    announce("parties.client-created", client.id, principal_id=principal.user_id,
             kind=client.kind, status=client.status)
    return client


def update_client(principal: Any, client_id: int, data: dict[str, Any], *,
                  expected_version: int | None = None) -> Client:
    """Change the fields given in ``data``; the whole client is re-validated.

    Identifiers are checked against the (possibly new) country and kind together, so
    changing the country of a client with a Romanian CUI is refused with a field error.
    """
    client = load_client(principal, client_id, "write")
    check_version(client, expected_version)
    act_as(principal)
    if not isinstance(data, dict):
        raise InvalidClientData({"_schema": ["Expected an object."]})
    unknown = set(data) - set(COLUMNS) - {"tags", "custom", "owner_id"}
    if unknown:
        raise InvalidClientData({k: [_("This field cannot be changed here.")]
                                 for k in sorted(unknown)})
    current = {k: getattr(client, k) for k in COLUMNS if getattr(client, k) is not None}
    values = validate(ClientSchema(), {**current, **data})
    changed = []
    for key in COLUMNS:
        if key in data and getattr(client, key) != values.get(key):
            setattr(client, key, values.get(key))
            changed.append(key)
    if "group_id" in changed:
        _check_group(client.group_id)
    if "name" in changed:
        client.name_key = name_key(client.name)
    if "vat_number" in changed:
        client.vat_check_status, client.vat_checked_at = "unchecked", None
        _check_vat_later(client)
    if "owner_id" in data and data["owner_id"] != client.owner_id:
        client.owner_id = _owner(principal, values.get("owner_id"))
        changed.append("owner_id")
    if "tags" in data and apply_tags(client, values.get("tags") or []):
        changed.append("tags")
    if "custom" in data:
        changed.extend(f"custom.{c}" for c in apply_custom_values(client, values["custom"]))
    if changed:
        client.updated_by_id = principal.user_id
        _flush()
        announce("parties.client-updated", client.id, principal_id=principal.user_id,
                 changed=changed)
    return client


def delete_client(principal: Any, client_id: int, *,
                  expected_version: int | None = None) -> None:
    """Delete a client with its addresses, bank accounts and contact links (not the people)."""
    client = load_client(principal, client_id, "delete")
    check_version(client, expected_version)
    act_as(principal)
    session().delete(client)
    _flush()
    announce("parties.client-deleted", client_id, principal_id=principal.user_id)


def request_vat_check(principal: Any, client_id: int) -> Client:
    """Check the client's VAT number online again (a job; the result flags the client)."""
    client = load_client(principal, client_id, "write")
    _check_vat_later(client)
    return client


def _check_vat_later(client: Client) -> None:
    """Enqueue the VIES check; it runs after commit and never holds up the save."""
    from plugins.parties.vies import VIES_COUNTRIES

    if client.vat_number and client.vat_number[:2] in VIES_COUNTRIES:
        enqueue("parties.check-vat", client_id=client.id)


def _flush() -> None:
    try:
        session().flush()
    except StaleDataError:
        raise StaleClient() from None


def _owner(principal: Any, owner_id: int | None) -> int | None:
    """Who owns the record: the acting user, or another one if they may see every client."""
    if owner_id is None or owner_id == principal.user_id:
        return principal.user_id
    if principal.scope_for("parties.write") != "all":
        raise Forbidden(_("Only users who see every client may give a client to someone else."))

    if session().get(User, owner_id) is None:
        raise InvalidClientData({"owner_id": [_("No such user.")]})
    return owner_id


def _check_group(group_id: int | None) -> None:
    if group_id is not None and session().get(ClientGroup, group_id) is None:
        raise InvalidClientData({"group_id": [_("No such group.")]})
