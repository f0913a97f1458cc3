"""Sending an issued document by e-mail with a client link to see it and download its PDF
and e-invoice XML."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from core.db import session, utcnow
from core.i18n import gettext as _
from core.links import make_link
from core.mail import send_mail
from core.services import announce, service, validate
from plugins.invoicing.exceptions import InvalidInvoiceData, TransitionRefused
from plugins.invoicing.models import BillingDocument
from plugins.invoicing.schemas import SendSchema
from plugins.invoicing.services.common import kind_of, load_document
from plugins.invoicing.workflow import DOC_TYPE_LABELS, status_label
from plugins.parties.models import Client

VIEW_PURPOSE = "invoicing.view"
LINK_VALID_FOR = timedelta(days=180)


@service("invoicing.send")
def send_invoice(principal: Any, doc_id: int, data: Any = None) -> BillingDocument:
    """E-mail the issued document to the client (or ``to``) with a link to it."""
    values = validate(SendSchema(), data or {})
    doc = load_document(principal, doc_id, "write")
    if doc.status != "issued":
        raise TransitionRefused(_("Send"), status_label(doc.status))
    client = session().get(Client, doc.party_id)
    to = values["to"] or (client.email if client is not None else None)
    if not to:
        raise InvalidInvoiceData({"to": [_("The client has no e-mail address; give one.")]})
    link = make_link(VIEW_PURPOSE, kind_of(doc), doc.id, expires_in=LINK_VALID_FOR,
                     single_use=False)
    send_mail(to, template="invoicing/invoice", language=doc.language,
              context={"number": doc.number, "kind": str(DOC_TYPE_LABELS[doc.doc_type]),
                       "total": doc.total_gross, "currency": doc.currency,
                       "due_date": doc.due_date, "client": client.name if client else "",
                       "link": link, "message": values["message"] or "",
                       "sender": principal.name},
              record=(kind_of(doc), doc.id), secret=True)
    doc.sent_at = utcnow()
    session().flush()
    announce("invoicing.invoice-sent", doc.id, principal_id=principal.user_id, to=to)
    return doc
