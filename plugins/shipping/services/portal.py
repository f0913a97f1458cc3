"""Services for the client portal: a client follows the shipments of its orders and
downloads their papers.

The caller is a portal principal acting for a client; it holds no staff permission, so
these check what permissions would: the shipment is the client's and not cancelled. Papers
are served only once frozen (from dispatch on): the portal never asks for a rendering, so a
client cannot make the server render PDFs, and what it downloads is what was sent. Anything
else is 404.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import select

from core.db import session
from core.documents.models import READY, DocumentFile
from core.errors import NotFound
from core.i18n import gettext as _
from plugins.orders.services.portal import client_id_of
from plugins.shipping.models import Shipment
from plugins.shipping.services.common import KIND, ORDER
from plugins.shipping.workflow import status_label

CLIENT_PAPERS = ("packing-list", "waybill")
"""The papers a client may download; the CMR stays between sender and carrier."""


def client_shipments(principal: Any) -> list[Shipment]:
    """The client's shipments (cancelled ones left out), newest first."""
    return list(session().scalars(
        select(Shipment).where(Shipment.party_id == client_id_of(principal),
                               Shipment.status != "cancelled")
        .order_by(Shipment.created_at.desc(), Shipment.id.desc())))


def client_shipment(principal: Any, shipment_id: int) -> Shipment:
    """One of the client's shipments (404 for any other)."""
    client_id = client_id_of(principal)
    shipment = session().get(Shipment, shipment_id)
    if shipment is None or shipment.party_id != client_id or shipment.status == "cancelled":
        raise NotFound(_("There is no such shipment."))
    return shipment


def client_papers(shipment: Shipment) -> dict[str, DocumentFile]:
    """The shipment's frozen, ready papers the client may download, by paper."""
    rows = session().scalars(select(DocumentFile).where(
        DocumentFile.record_kind == KIND, DocumentFile.record_id == shipment.id,
        DocumentFile.purpose.in_(CLIENT_PAPERS), DocumentFile.frozen.is_(True),
        DocumentFile.status == READY))
    return {row.purpose: row for row in rows}


def client_paper(principal: Any, shipment_id: int, paper: str) -> DocumentFile:
    """A frozen paper of one of the client's shipments (404 for any other, and for one not
    frozen yet)."""
    found = client_papers(client_shipment(principal, shipment_id)).get(paper)
    if found is None:
        raise NotFound(_("There is no such paper."))
    return found


def order_documents(kind: str, record_id: int, principal: Any) -> list[dict[str, Any]]:
    """The shipments of one of the client's orders as its portal page lists them: status,
    dispatch date (planned until dispatched), transport and the tracking link."""
    if kind != ORDER:
        return []
    shipments = session().scalars(
        select(Shipment).where(Shipment.order_id == record_id,
                               Shipment.party_id == client_id_of(principal),
                               Shipment.status != "cancelled")
        .order_by(Shipment.created_at, Shipment.id))
    return [{"kind": KIND, "id": s.id, "label": _("Shipment"), "title": s.title,
             "status": status_label(s.status), "date": s.dispatched_on or s.planned_dispatch,
             "url": url_for("shipping_portal.detail", shipment_id=s.id),
             "links": _transport(s)} for s in shipments]


def _transport(shipment: Shipment) -> list[dict[str, str | None]]:
    """Carrier and service (or own transport), then the tracking number and its link."""
    if shipment.carrier is None:
        links = [{"text": _("Own transport"), "url": None}]
    else:
        service = f" ({shipment.carrier_service})" if shipment.carrier_service else ""
        links = [{"text": shipment.carrier.name + service, "url": None}]
    if shipment.tracking_number:
        links.append({"text": shipment.tracking_number, "url": shipment.tracking_link})
    return links
