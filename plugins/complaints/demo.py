"""Demo complaints for ``kontora demo``: one received about the confirmed demo order."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.numbering import next_number
from plugins.complaints.models import Complaint
from plugins.orders.models import Order


def add_demo_complaints(session: Session) -> None:
    """Add one complaint once, when there is an order to complain about."""
    if session.scalar(select(Complaint.id).limit(1)) is not None:
        return
    order = session.scalar(select(Order).where(Order.status != "draft").limit(1))
    if order is None:
        return
    line = next((line for line in order.lines if line.product_id), None)
    session.add(Complaint(
        number=next_number("complaints", record_kind="complaints.complaint"),
        party_id=order.party_id, subject_kind="orders.order", subject_id=order.id,
        product_id=line.product_id if line else None, cause="damaged", remedy="replacement",
        description="Two bags arrived torn; photos follow.", owner_id=order.owner_id))
    session.flush()
