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
    VAT_CHECK_STATUSES,
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
from plugins.parties.models.imports import (
    DUPLICATE_POLICIES,
    IMPORT_STATUSES,
    IMPORT_TARGETS,
    ImportProblem,
    ImportRun,
)
from plugins.parties.models.profile import ProfileSection

__all__ = [
    "ADDRESS_USES",
    "CLIENT_KINDS",
    "CLIENT_STATUSES",
    "CONTACT_CHANNELS",
    "CUSTOM_FIELD_TYPES",
    "DUPLICATE_POLICIES",
    "IMPORT_STATUSES",
    "IMPORT_TARGETS",
    "LOYALTY_LEVELS",
    "RELATIONSHIPS",
    "RESPONSIBILITIES",
    "SIZES",
    "VAT_CHECK_STATUSES",
    "Address",
    "BankAccount",
    "Client",
    "ClientContact",
    "ClientGroup",
    "Contact",
    "ContactMethod",
    "CustomField",
    "CustomValue",
    "ImportProblem",
    "ImportRun",
    "ProfileSection",
    "Tag",
    "client_tag",
]
