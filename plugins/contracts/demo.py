"""Demo contracts for ``kontora demo``: a draft and two active ones, one of which
expires soon (so the expiring list and the reminders have something to show)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.numbering import next_number
from plugins.contracts.models import Contract
from plugins.parties.models import Client

CONTRACTS = [
    # client, status, title, value, days from today to the end
    ("Carpați Construct SRL", "draft", "Framework supply agreement", "120000", 365),
    ("Carpați Construct SRL", "active", "Maintenance of the mixing plant", "18000", 21),
    ("Балкан Трейд ЕООД", "active", "Transport services 2025", "9500", 200),
]


def add_demo_contracts(session: Session) -> None:
    """Add the demo contracts once."""
    if session.scalar(select(Contract.id).limit(1)) is not None:
        return
    today = date.today()
    for name, status, title, value, days in CONTRACTS:
        client = session.scalars(select(Client).where(Client.name == name)).first()
        if client is None:
            continue
        contract = Contract(party_id=client.id, status=status, title=title,
                            value=Decimal(value), currency="RON" if "SRL" in name else "BGN",
                            start_date=today - timedelta(days=30),
                            end_date=today + timedelta(days=days), owner_id=client.owner_id)
        session.add(contract)
        session.flush()
        if status != "draft":
            contract.number = next_number("contracts", record_kind="contracts.contract",
                                          record_id=contract.id)
            contract.sent_at = contract.signed_at = utcnow()
    session.flush()
