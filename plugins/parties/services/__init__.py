"""Every state change of clients, contacts, addresses and categories.

Each function takes the acting principal and plain data, validates with the plugin's
marshmallow schemas, checks the permission and the record rules, writes in the current
unit of work, records the audit entry and announces the fact after commit. The web views,
the API, imports and jobs all call these.
"""

from plugins.parties.services.addresses import (
    add_address,
    add_bank_account,
    remove_address,
    set_default_address,
)
from plugins.parties.services.categories import categorise, define_custom_field, set_custom_values
from plugins.parties.services.clients import (
    create_client,
    delete_client,
    get_client,
    request_vat_check,
    update_client,
)
from plugins.parties.services.contacts import add_contact, unlink_contact, update_contact
from plugins.parties.services.merge import MergePlan, merge_clients, preview_merge

__all__ = [
    "MergePlan",
    "add_address",
    "add_bank_account",
    "add_contact",
    "categorise",
    "create_client",
    "define_custom_field",
    "delete_client",
    "get_client",
    "merge_clients",
    "preview_merge",
    "remove_address",
    "request_vat_check",
    "set_custom_values",
    "set_default_address",
    "unlink_contact",
    "update_client",
    "update_contact",
]
