"""The invoices on the client portal's page of an order (``kontora_portal_documents``):
those linked to it by conversions, as the portal's invoices section shows them (the client's
own, past draft), each with its PDF and e-invoice XML."""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import select

from core.conversions import document_chain
from core.db import session
from core.i18n import gettext as _
from plugins.invoicing.models import BillingDocument
from plugins.invoicing.services.common import INVOICE, PROFORMA, kind_of
from plugins.invoicing.services.portal import client_id_of
from plugins.invoicing.workflow import DOC_TYPE_LABELS, STATUS_LABELS


def order_documents(kind: str, record_id: int, principal: Any) -> list[dict[str, Any]]:
    ids = [e.record_id for e in document_chain(kind, record_id) if e.kind in (INVOICE, PROFORMA)]
    if not ids:
        return []
    docs = session().scalars(select(BillingDocument).where(
        BillingDocument.id.in_(ids), BillingDocument.party_id == client_id_of(principal),
        BillingDocument.status != "draft").order_by(BillingDocument.id))
    return [{"kind": kind_of(doc), "id": doc.id,
             "label": str(DOC_TYPE_LABELS.get(doc.doc_type, doc.doc_type)),
             "title": doc.number, "status": str(STATUS_LABELS.get(doc.status, doc.status)),
             "date": doc.issue_date,
             "url": url_for("invoicing_portal.pdf", doc_id=doc.id),
             "links": [{"text": _("Invoices"), "url": url_for("invoicing_portal.index")},
                       {"text": "XML", "url": url_for("invoicing_portal.xml", doc_id=doc.id)}]}
            for doc in docs]
