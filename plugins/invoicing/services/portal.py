"""Services for the client portal: a client reads its invoices and their balance.

The caller is a portal principal acting for a client (``record_kind`` ``parties.client``);
it holds no staff permission, so these check what permissions would: the document is the
client's and no longer a draft. Anything else is 404.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.identity.guards import portal_record_id
from plugins.invoicing.models import BillingDocument

CLIENT = "parties.client"


def client_id_of(principal: Any) -> int:
    """The client a portal principal acts for (403 for anyone else)."""
    return portal_record_id(principal, CLIENT)


def client_documents(principal: Any) -> list[BillingDocument]:
    """The client's issued (or later) invoices, proformas and credit notes, newest first."""
    return list(session().scalars(
        select(BillingDocument).where(BillingDocument.party_id == client_id_of(principal),
                                      BillingDocument.status != "draft")
        .order_by(BillingDocument.issue_date.desc(), BillingDocument.id.desc())))


def client_document(principal: Any, doc_id: int) -> BillingDocument:
    """One of the client's documents past draft (404 for any other)."""
    client_id = client_id_of(principal)
    doc = session().get(BillingDocument, doc_id)
    if doc is None or doc.party_id != client_id or doc.status == "draft":
        raise NotFound(_("There is no such document."))
    return doc
