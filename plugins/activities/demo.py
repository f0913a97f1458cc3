"""Demo activities and tasks for ``kontora demo``, on the demo clients when there are any.

Clients are found through the record kind ``parties.client`` (its model, from the kind
registry), so this plugin needs nothing of ``parties`` and adds standalone items when that
plugin is disabled.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.identity.models import User
from core.kernel import kontora
from plugins.activities.models import Activity, Note, Participant, Task

CALLS = [
    ("call", "Discussed the annual framework agreement",
     "They want a 5% volume discount from 1 000 units."),
    ("meeting", "Site visit and product demonstration",
     "Warehouse manager joined; asked for delivery on pallets."),
    ("email", "Sent the updated price list", "Confirmed receipt the same day."),
]
NEXT = [
    ("Send the revised offer", "high", 2),
    ("Call back about the delivery schedule", "normal", -3),
    ("Prepare the contract draft", "normal", 10),
]


def add_demo_activities(session: Session) -> None:
    if session.scalar(select(Activity.id).limit(1)) is not None:
        return
    owner_id = session.scalar(select(User.id).where(User.active.is_(True)).order_by(User.id))
    kind = kontora().kinds.get("parties.client")
    records: list[Any] = []
    if kind is not None:
        records = list(session.scalars(select(kind.model).order_by(kind.model.id).limit(4)))
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    targets = [("parties.client", r.id) for r in records] or [(None, None)]
    for number, (record_kind, record_id) in enumerate(targets):
        call_type, subject, outcome = CALLS[number % len(CALLS)]
        session.add(Activity(type=call_type, status="done", subject=subject, outcome=outcome,
                             starts_at=now - timedelta(days=3 + number), duration_minutes=30,
                             completed_at=now - timedelta(days=3 + number),
                             record_kind=record_kind, record_id=record_id, owner_id=owner_id))
        meeting = Activity(type="meeting", status="scheduled", subject="Quarterly review",
                           starts_at=now + timedelta(days=4 + number, hours=2),
                           duration_minutes=60, location="Client office",
                           record_kind=record_kind, record_id=record_id, owner_id=owner_id)
        meeting.participants = [Participant(name="Elena Popescu", email="elena@example.com")]
        session.add(meeting)
        if number < len(NEXT) - 1 or record_kind is None:
            title, priority, days = NEXT[number % len(NEXT)]
            session.add(Task(title=title, priority=priority, status="open",
                             due_on=(now + timedelta(days=days)).date(), owner_id=owner_id,
                             created_by_id=owner_id, record_kind=record_kind,
                             record_id=record_id))
        if record_kind is not None:
            session.add(Note(kind="note", record_kind=record_kind, record_id=record_id,
                             created_by_id=owner_id,
                             body="Prefers contact by phone before 11:00."))
    session.flush()
