"""The stage rules of a lead, applied at flush time, whoever changes the lead.

Leads change through this plugin's services, the kernel's generic forms and API
resources, imports and conversions. So that every path keeps the same rules, they hang on
the session's ``before_flush``:

- a new lead without a stage goes to the first open stage of its pipeline (or of the
  default pipeline); the stage always decides the pipeline;
- every stage a lead enters writes a :class:`StageEntry` (the funnel report reads them)
  and closes the previous one;
- the stage decides the status: a won stage makes the lead ``won``, a lost stage ``lost``
  and needs a lost reason; leaving them reopens the lead;
- ``leads.lead-created``, ``leads.lead-won`` and ``leads.lead-lost`` are announced (after
  commit, like every signal).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from core.audit.capture import ACTOR
from core.db import utcnow
from core.errors import ValidationError
from core.i18n import gettext as _
from core.kernel import kontora
from plugins.leads.models import Lead, Pipeline, Stage, StageEntry

PENDING = "leads.pending-signals"


def install(session_factory: Any) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "after_flush_postexec", _after_flush)


def _before_flush(sess: Session, _context: Any, _instances: Any) -> None:
    sess.info[PENDING] = []  # what a failed flush queued is forgotten with it
    for obj in list(sess.new):
        if isinstance(obj, Lead):
            _place_new(sess, obj)
    for obj in list(sess.dirty):
        if isinstance(obj, Lead) and obj not in sess.deleted:
            _follow_change(sess, obj)


def _after_flush(sess: Session, _context: Any) -> None:
    pending = sess.info.pop(PENDING, [])
    if not pending:
        return

    events = kontora().events
    for name, lead, kwargs in pending:
        events.announce(name, lead.id, **kwargs)


def _queue(sess: Session, name: str, lead: Lead, **kwargs: Any) -> None:
    sess.info.setdefault(PENDING, []).append((name, lead, kwargs))


def _actor_id(sess: Session) -> int | None:
    principal = sess.info.get(ACTOR)
    if principal is None:
        from flask import g, has_request_context

        principal = g.get("kontora_principal") if has_request_context() else None
    return getattr(principal, "user_id", None)


def _stage(sess: Session, stage_id: Any) -> Stage:
    stage = sess.get(Stage, stage_id) if isinstance(stage_id, int) else None
    if stage is None:
        raise ValidationError(_("The stage is not valid."),
                              fields={"stage_id": [_("No such stage.")]})
    return stage


def _entry_stage(sess: Session, pipeline_id: Any) -> Stage:
    """The first open stage of ``pipeline_id``, or of the default pipeline."""
    if pipeline_id is not None:
        pipeline = sess.get(Pipeline, pipeline_id) if isinstance(pipeline_id, int) else None
        if pipeline is None:
            raise ValidationError(_("The pipeline is not valid."),
                                  fields={"pipeline_id": [_("No such pipeline.")]})
    else:
        pipeline = sess.scalar(select(Pipeline).where(Pipeline.active.is_(True))
                               .order_by(Pipeline.is_default.desc(), Pipeline.position,
                                         Pipeline.id).limit(1))
        if pipeline is None:
            raise ValidationError(_("No sales pipeline is set up yet."),
                                  fields={"pipeline_id": [_("No pipeline is set up.")]})
    stage = pipeline.first_open_stage()
    if stage is None:
        raise ValidationError(_("The pipeline has no open stage."),
                              fields={"pipeline_id": [_("This pipeline has no open stage.")]})
    return stage


def _place_new(sess: Session, lead: Lead) -> None:
    if lead.stage_id is not None:
        stage = _stage(sess, lead.stage_id)
    elif lead.stage is not None:
        stage = lead.stage
    else:
        stage = _entry_stage(sess, lead.pipeline_id)
    now = utcnow()
    _enter(sess, lead, stage, now, previous=None)
    _queue(sess, "leads.lead-created", lead, principal_id=_actor_id(sess),
           source=lead.source, owner_id=lead.owner_id)


def _follow_change(sess: Session, lead: Lead) -> None:
    state = inspect(lead)
    stage_hist = state.attrs.stage_id.history
    pipe_hist = state.attrs.pipeline_id.history
    if stage_hist.has_changes():
        stage = _stage(sess, lead.stage_id)
    elif pipe_hist.has_changes():
        stage = _entry_stage(sess, lead.pipeline_id)
    else:
        if lead.status == "lost" and state.attrs.lost_reason_id.history.has_changes() \
                and lead.lost_reason_id is None:
            raise _reason_needed()
        return
    before = stage_hist.deleted[0] if stage_hist.deleted else lead.stage_id
    if before == stage.id and not pipe_hist.has_changes():
        return
    _enter(sess, lead, stage, utcnow(), previous=before)


def _enter(sess: Session, lead: Lead, stage: Stage, now: Any, previous: Any) -> None:
    if stage.pipeline_id is None:
        raise ValidationError(_("The stage is not valid."),
                              fields={"stage_id": [_("No such stage.")]})
    before_status = lead.status if previous is not None else None
    lead.stage_id, lead.stage = stage.id, stage
    lead.pipeline_id = stage.pipeline_id
    lead.stage_entered_at = now
    outcome = stage.outcome
    if outcome == "lost" and lead.lost_reason_id is None:
        raise _reason_needed()
    if outcome != "lost":
        lead.lost_reason_id = None
        lead.lost_note = None
    lead.status = outcome
    lead.closed_at = now if outcome != "open" else None
    if previous is not None and lead.id is not None:
        for entry in sess.scalars(select(StageEntry).where(StageEntry.lead_id == lead.id,
                                                           StageEntry.left_at.is_(None))):
            entry.left_at = now
    sess.add(StageEntry(lead=lead, pipeline_id=stage.pipeline_id, stage_id=stage.id,
                        entered_at=now, budget=lead.budget, currency=lead.currency or "EUR",
                        user_id=_actor_id(sess),
                        lost_reason_id=lead.lost_reason_id if outcome == "lost" else None))
    if outcome != before_status and outcome in ("won", "lost"):
        _queue(sess, f"leads.lead-{outcome}", lead, principal_id=_actor_id(sess),
               stage_id=stage.id, client_id=lead.client_id,
               lost_reason_id=lead.lost_reason_id)


def _reason_needed() -> ValidationError:
    return ValidationError(_("Say why the deal was lost."),
                           fields={"lost_reason_id": [_("Choose why the deal was lost.")]})
