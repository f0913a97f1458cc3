"""Configuring pipelines, their stages and the lost reasons (``leads.forms.admin``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from core.db import session
from core.errors import Conflict, NotFound
from core.i18n import gettext as _
from core.permissions import require
from core.services import act_as, guarded_write
from plugins.leads.exceptions import InvalidLeadData
from plugins.leads.models import Lead, LostReason, Pipeline, Stage, StageEntry

ADMIN = "leads.forms.admin"


def pipelines(active_only: bool = False) -> list[Pipeline]:
    stmt = select(Pipeline).order_by(Pipeline.position, Pipeline.id)
    if active_only:
        stmt = stmt.where(Pipeline.active.is_(True))
    return list(session().scalars(stmt))


def lost_reasons(active_only: bool = True) -> list[LostReason]:
    stmt = select(LostReason).order_by(LostReason.position, LostReason.name)
    if active_only:
        stmt = stmt.where(LostReason.active.is_(True))
    return list(session().scalars(stmt))


def _name(data: dict[str, Any], limit: int) -> str:
    name = str(data.get("name") or "").strip()
    if not name or len(name) > limit:
        raise InvalidLeadData({"name": [_("Give a name of at most %(n)s characters.", n=limit)]})
    return name


def create_pipeline(principal: Any, data: dict[str, Any]) -> Pipeline:
    """A new pipeline with the stages ``New``, ``Won`` and ``Lost`` to start from."""
    require(principal, ADMIN)
    act_as(principal)
    name = _name(data, 100)
    if session().scalar(select(Pipeline.id).where(Pipeline.name == name)):
        raise InvalidLeadData({"name": [_("This name is taken.")]})
    position = (session().scalar(select(func.max(Pipeline.position))) or 0) + 1
    pipeline = Pipeline(name=name, position=position, is_default=not pipelines())
    pipeline.stages = [Stage(name=_("New"), position=0, probability=10),
                       Stage(name=_("Won"), position=1, probability=100, is_won=True),
                       Stage(name=_("Lost"), position=2, probability=0, is_lost=True)]
    with guarded_write() as sess:  # two admins adding one name at once: the index decides
        sess.add(pipeline)
    return pipeline


def update_pipeline(principal: Any, pipeline_id: int, data: dict[str, Any]) -> Pipeline:
    require(principal, ADMIN)
    act_as(principal)
    pipeline = _pipeline(pipeline_id)
    if "name" in data:
        name = _name(data, 100)
        if session().scalar(select(Pipeline.id).where(Pipeline.name == name,
                                                      Pipeline.id != pipeline.id)):
            raise InvalidLeadData({"name": [_("This name is taken.")]})
        with guarded_write():
            pipeline.name = name
    if "active" in data:
        pipeline.active = bool(data["active"])
    if data.get("is_default"):
        for other in pipelines():
            other.is_default = other.id == pipeline.id
    session().flush()
    return pipeline


def save_stage(principal: Any, pipeline_id: int, data: dict[str, Any],
               stage_id: int | None = None) -> Stage:
    """Add or change a stage: ``name``, ``position``, ``probability`` (0-100),
    ``is_won``/``is_lost`` (not both)."""
    require(principal, ADMIN)
    act_as(principal)
    pipeline = _pipeline(pipeline_id)
    stage = next((s for s in pipeline.stages if s.id == stage_id), None)
    if stage_id is not None and stage is None:
        raise NotFound(_("There is no such stage."))
    name = _name(data, 100)
    errors: dict[str, list[str]] = {}
    if any(s.name == name and s is not stage for s in pipeline.stages):
        errors["name"] = [_("This name is taken.")]
    probability = _int(data.get("probability", 0), "probability", 0, 100, errors)
    position = _int(data.get("position", len(pipeline.stages)), "position", 0, 1000, errors)
    won, lost = bool(data.get("is_won")), bool(data.get("is_lost"))
    if won and lost:
        errors["is_lost"] = [_("A stage is won or lost, not both.")]
    if errors:
        raise InvalidLeadData(errors)
    with guarded_write() as sess:
        if stage is None:
            stage = Stage(pipeline=pipeline)
            sess.add(stage)
        stage.name, stage.probability, stage.position = name, probability, position
        stage.is_won, stage.is_lost = won, lost
    session().expire(pipeline, ["stages"])
    return stage


def delete_stage(principal: Any, stage_id: int, *, pipeline_id: int | None = None) -> None:
    """Delete a stage no lead is in or ever was in (the funnel's history needs it);
    with ``pipeline_id``, only a stage of that pipeline."""
    require(principal, ADMIN)
    act_as(principal)
    stage = session().get(Stage, stage_id)
    if stage is None or pipeline_id not in (None, stage.pipeline_id):
        raise NotFound(_("There is no such stage."))
    used = session().scalar(select(Lead.id).where(Lead.stage_id == stage.id).limit(1)) or \
        session().scalar(select(StageEntry.id).where(StageEntry.stage_id == stage.id).limit(1))
    if used:
        raise Conflict(_("Leads have been in this stage; rename it instead."))
    pipeline = stage.pipeline
    session().delete(stage)
    session().flush()
    session().expire(pipeline, ["stages"])


def save_lost_reason(principal: Any, data: dict[str, Any],
                     reason_id: int | None = None) -> LostReason:
    require(principal, ADMIN)
    act_as(principal)
    reason = session().get(LostReason, reason_id) if reason_id is not None else None
    if reason_id is not None and reason is None:
        raise NotFound(_("There is no such lost reason."))
    name = _name(data, 120)
    if session().scalar(select(LostReason.id).where(LostReason.name == name,
                                                    LostReason.id != (reason_id or 0))):
        raise InvalidLeadData({"name": [_("This name is taken.")]})
    position = (session().scalar(select(func.max(LostReason.position))) or 0) + 1
    with guarded_write() as sess:
        if reason is None:
            reason = LostReason(position=position)
            sess.add(reason)
        reason.name = name
        reason.active = bool(data.get("active", True))
    return reason


def _pipeline(pipeline_id: int) -> Pipeline:
    pipeline = session().get(Pipeline, pipeline_id)
    if pipeline is None:
        raise NotFound(_("There is no such pipeline."))
    return pipeline


def _int(value: Any, field: str, low: int, high: int, errors: dict[str, list[str]]) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        errors[field] = [_("Give a whole number from %(low)s to %(high)s.", low=low, high=high)]
        return low
    return number
