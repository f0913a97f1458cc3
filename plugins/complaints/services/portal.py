"""Services for a client portal: a client files and follows its own complaints.

The caller is a portal principal (``core.identity.users.portal_principal``) acting for a
client (``record_kind`` ``parties.client``). It holds no staff permission, so these
functions check what a staff service would check with permissions: the principal is a
portal user of a client, and every record it names or reads is that client's. Anything
else is 404 (reading) or a 422 on the field (filing), never a hint about other clients.
The complaint goes to the client's owner, who is told in the app and by e-mail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import url_for
from sqlalchemy import select

from core.db import session
from core.errors import Forbidden, NotFound
from core.i18n import gettext as _
from core.identity.guards import portal_record_id
from core.kernel import kontora
from core.services import act_as, announce, lock_record, validate
from plugins.activities.models import Attachment
from plugins.activities.services.notes import Upload
from plugins.complaints.exceptions import InvalidComplaintData
from plugins.complaints.models import Complaint
from plugins.complaints.schemas import PortalComplaintSchema
from plugins.complaints.services.common import (
    CLIENT,
    readable_product,
    subject_of,
    tell_concerned,
)
from plugins.complaints.services.complaints import received
from plugins.complaints.services.photos import attach_photos, photo_of
from plugins.complaints.workflow import status_label
from plugins.orders.models import Order, OrderLine
from plugins.parties.models import Client

SHOWN: dict[str, Callable[[Any], Any]] = {
    "orders.order": lambda model: model.number.is_not(None),
    "invoicing.invoice": lambda model: model.status != "draft",
    "shipping.shipment": lambda model: model.status != "cancelled",
}
"""What the portal shows of each kind a client may complain about (its own records): numbered
orders, invoices past draft, shipments not called off. Products are those of its orders."""


def client_of(principal: Any) -> Client:
    """The client a portal principal acts for (403 for anyone else)."""
    client = session().get(Client, portal_record_id(principal, CLIENT))
    if client is None:
        raise Forbidden(_("Only a client's portal user may do this."))
    return client


def file_complaint(principal: Any, data: Any, files: Iterable[Upload] = ()) -> Complaint:
    """The client complains about one of its orders, invoices or shipments, or a product,
    with photos or drawings; it gets a number at once and goes to the client's owner."""
    client = client_of(principal)
    act_as(principal)
    values = validate(PortalComplaintSchema(), data)
    subject_of(principal, values["subject_kind"], values["subject_id"], party_id=client.id)
    if (values["subject_kind"], values["subject_id"]) not in {
            (kind, record_id) for kind, record_id, *_shown in _subjects(client.id)}:
        raise InvalidComplaintData({"subject_id": [_("There is no such record.")]})
    readable_product(None, values.get("product_id"))
    uploads = list(files)
    complaint = received(values, party_id=client.id, owner_id=client.owner_id, actor_id=None,
                         portal_user_id=principal.id)
    if uploads:
        attach_photos(complaint, uploads, author_id=None, author_name=principal.name)
    tell_concerned(complaint, None, lambda: _(
        "%(client)s filed complaint %(complaint)s from the portal.", client=client.name,
        complaint=complaint.number))
    announce("complaints.complaint-received", complaint.id, principal_id=None,
             portal_user_id=principal.id, party_id=client.id, number=complaint.number,
             subject_kind=complaint.subject_kind, subject_id=complaint.subject_id)
    return complaint


def client_complaints(principal: Any) -> list[Complaint]:
    """The client's complaints, newest first."""
    client = client_of(principal)
    return list(session().scalars(select(Complaint).where(Complaint.party_id == client.id)
                                  .order_by(Complaint.created_at.desc(), Complaint.id.desc())))


def client_complaint(principal: Any, complaint_id: int) -> Complaint:
    """One of the client's complaints (404 for any other)."""
    client = client_of(principal)
    complaint = session().get(Complaint, complaint_id)
    if complaint is None or complaint.party_id != client.id:
        raise NotFound(_("There is no such complaint."))
    return complaint


def add_client_photos(principal: Any, complaint_id: int,
                      files: Iterable[Upload]) -> list[Attachment]:
    """More photos from the client on its open complaint."""
    complaint = lock_record(Complaint, client_complaint(principal, complaint_id).id)
    act_as(principal)
    added = attach_photos(complaint, files, author_id=None, author_name=principal.name)
    tell_concerned(complaint, None, lambda: _(
        "%(client)s added photos to complaint %(complaint)s.", client=complaint.party.name,
        complaint=complaint.number), timeline=False)
    announce("complaints.complaint-changed", complaint.id, principal_id=None,
             fields=["photos"])
    return added


def client_photo(principal: Any, complaint_id: int, key: str) -> Attachment:
    """A photo of one of the client's complaints (404 for any other)."""
    client_complaint(principal, complaint_id)
    found = photo_of(complaint_id, key)
    if found is None:
        raise NotFound(_("There is no such file."))
    return found


def _subjects(client_id: int) -> list[tuple[str, int, str, str]]:
    """``(kind, id, kind label, title)`` of what the client may complain about, in the
    portal's order: its orders, invoices and shipments (of enabled plugins), newest first,
    then the products of its orders."""
    kinds = kontora().kinds
    found: list[tuple[str, int, str, str]] = []
    for kind, shown in SHOWN.items():
        rk = kinds.get(kind)
        if rk is None:
            continue
        rows = session().scalars(select(rk.model).where(
            rk.model.party_id == client_id, shown(rk.model)).order_by(rk.model.id.desc()))
        found += [(kind, row.id, str(rk.label), rk.title_of(row)) for row in rows]
    product = kinds.get("catalog.product")
    if product is not None:
        ids = select(OrderLine.product_id).join(Order, Order.id == OrderLine.order_id).where(
            Order.party_id == client_id, Order.number.is_not(None))
        rows = session().scalars(select(product.model).where(product.model.id.in_(ids))
                                 .order_by(product.model.id))
        found += [("catalog.product", row.id, str(product.label), product.title_of(row))
                  for row in rows]
    return found


def subject_choices(principal: Any) -> list[tuple[str, str]]:
    """The portal form's choices: ``("orders.order:12", "Order CMD-2026-00012")``."""
    return [(f"{kind}:{record_id}", f"{label} {title}")
            for kind, record_id, label, title in _subjects(client_of(principal).id)]


def order_documents(kind: str, record_id: int, principal: Any) -> list[dict[str, Any]]:
    """For the portal page of one of the client's orders: the complaints about it."""
    if kind != "orders.order":
        return []
    complaints = session().scalars(select(Complaint).where(
        Complaint.subject_kind == kind, Complaint.subject_id == record_id,
        Complaint.party_id == client_of(principal).id).order_by(Complaint.id))
    return [{"kind": "complaints.complaint", "id": c.id, "label": _("Complaint"),
             "title": c.number, "status": status_label(c.status), "date": c.created_at,
             "url": url_for("complaints_portal.detail", complaint_id=c.id), "links": []}
            for c in complaints]
