"""Default pipeline, stages and lost reasons, added once by ``kontora db upgrade``.

Nothing is added when any pipeline (or lost reason) exists, so what admins renamed,
reordered or deleted stays as they left it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from plugins.leads.models import LostReason, Pipeline, Stage

DEFAULT_PIPELINE = "Sales"
DEFAULT_STAGES = [
    # name, probability, won, lost
    ("New", 10, False, False),
    ("Qualified", 25, False, False),
    ("Proposal", 50, False, False),
    ("Negotiation", 75, False, False),
    ("Won", 100, True, False),
    ("Lost", 0, False, True),
]
DEFAULT_LOST_REASONS = ["Price too high", "Chose a competitor", "No budget",
                        "No response", "Not a fit"]


def seed_defaults(session: Session) -> None:
    if session.scalar(select(Pipeline.id).limit(1)) is None:
        pipeline = Pipeline(name=DEFAULT_PIPELINE, is_default=True, position=0)
        pipeline.stages = [Stage(name=name, position=n, probability=p, is_won=won,
                                 is_lost=lost)
                           for n, (name, p, won, lost) in enumerate(DEFAULT_STAGES)]
        session.add(pipeline)
    if session.scalar(select(LostReason.id).limit(1)) is None:
        session.add_all(LostReason(name=name, position=n)
                        for n, name in enumerate(DEFAULT_LOST_REASONS))
    session.flush()
