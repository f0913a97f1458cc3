"""Default pipeline, stages and lost reasons, added once by ``kontora db upgrade``.

Nothing is added when any pipeline (or lost reason) exists, so what admins renamed,
reordered or deleted stays as they left it. Names are written in the installation's
language (``KONTORA_LANGUAGE``): they are data the admins own from then on.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.i18n import force_locale
from core.i18n import lazy_gettext as _l
from plugins.leads.models import LostReason, Pipeline, Stage

DEFAULT_PIPELINE = _l("Sales")
DEFAULT_STAGES = [
    # name, probability, won, lost
    (_l("New"), 10, False, False),
    (_l("Qualified"), 25, False, False),
    (_l("Proposal"), 50, False, False),
    (_l("Negotiation"), 75, False, False),
    (_l("Won"), 100, True, False),
    (_l("Lost"), 0, False, True),
]
DEFAULT_LOST_REASONS = [_l("Price too high"), _l("Chose a competitor"), _l("No budget"),
                        _l("No response"), _l("Not a fit")]


def seed_defaults(session: Session) -> None:
    with force_locale(None):
        _seed(session)


def _seed(session: Session) -> None:
    if session.scalar(select(Pipeline.id).limit(1)) is None:
        pipeline = Pipeline(name=str(DEFAULT_PIPELINE), is_default=True, position=0)
        pipeline.stages = [Stage(name=str(name), position=n, probability=p, is_won=won,
                                 is_lost=lost)
                           for n, (name, p, won, lost) in enumerate(DEFAULT_STAGES)]
        session.add(pipeline)
    if session.scalar(select(LostReason.id).limit(1)) is None:
        session.add_all(LostReason(name=str(name), position=n)
                        for n, name in enumerate(DEFAULT_LOST_REASONS))
    session.flush()
