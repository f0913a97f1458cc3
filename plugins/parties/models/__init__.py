"""Models of the ``parties`` plugin: clients, contacts, addresses and their categorisation."""

from plugins.parties.models.address import ADDRESS_USES, Address
from plugins.parties.models.bank_account import BankAccount
from plugins.parties.models.category import ClientGroup, Tag, client_tag
from plugins.parties.models.client import (
    CLIENT_KINDS,
    CLIENT_STATUSES,
    LOYALTY_LEVELS,
    RELATIONSHIPS,
    SIZES,
    Client,
)
from plugins.parties.models.contact import (
    CONTACT_CHANNELS,
    RESPONSIBILITIES,
    ClientContact,
    Contact,
    ContactMethod,
)
from plugins.parties.models.custom_field import CUSTOM_FIELD_TYPES, CustomField, CustomValue

__all__ = [
    "ADDRESS_USES",
    "CLIENT_KINDS",
    "CLIENT_STATUSES",
    "CONTACT_CHANNELS",
    "CUSTOM_FIELD_TYPES",
    "LOYALTY_LEVELS",
    "RELATIONSHIPS",
    "RESPONSIBILITIES",
    "SIZES",
    "Address",
    "BankAccount",
    "Client",
    "ClientContact",
    "ClientGroup",
    "Contact",
    "ContactMethod",
    "CustomField",
    "CustomValue",
    "Tag",
    "client_tag",
]
