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
    remove_bank_account,
    set_default_address,
    update_address,
    update_bank_account,
)
from plugins.parties.services.categories import categorise, define_custom_field, set_custom_values
from plugins.parties.services.clients import (
    create_client,
    delete_client,
    get_client,
    request_vat_check,
    update_client,
)
from plugins.parties.services.common import load_client
from plugins.parties.services.contacts import (
    add_contact,
    change_client_contact,
    load_contact,
    set_contact_role,
    unlink_contact,
    update_contact,
)
from plugins.parties.services.merge import MergePlan, merge_clients, preview_merge
from plugins.parties.services.profile import arrange_section, arranged, client_sections
from plugins.parties.services.status import become_customer

__all__ = [
    "MergePlan",
    "add_address",
    "add_bank_account",
    "add_contact",
    "arrange_section",
    "arranged",
    "become_customer",
    "categorise",
    "change_client_contact",
    "client_sections",
    "create_client",
    "define_custom_field",
    "delete_client",
    "get_client",
    "load_client",
    "load_contact",
    "merge_clients",
    "preview_merge",
    "remove_address",
    "remove_bank_account",
    "request_vat_check",
    "set_contact_role",
    "set_custom_values",
    "set_default_address",
    "unlink_contact",
    "update_address",
    "update_bank_account",
    "update_client",
    "update_contact",
]
