"""The "Leads by stage" card of the home page: open leads I may see, counted per stage."""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import func, select

from core.db import session
from core.i18n import gettext as _
from core.permissions import scope
from plugins.leads.models import Lead, Pipeline, Stage


def leads_card(principal: Any) -> list[dict[str, Any]]:
    """One grouped query: open leads per stage, in pipeline and stage order."""
    if not principal.has("leads.read"):
        return []
    rows = session().execute(scope(
        select(Pipeline.name, Stage.name, func.count(Lead.id))
        .join(Stage, Lead.stage_id == Stage.id).join(Pipeline, Stage.pipeline_id == Pipeline.id)
        .where(Lead.status == "open")
        .group_by(Pipeline.id, Pipeline.name, Pipeline.position, Stage.id, Stage.name,
                  Stage.position)
        .order_by(Pipeline.position, Pipeline.id, Stage.position, Stage.id),
        Lead, principal)).all()
    several = len({pipeline for pipeline, _stage, _count in rows}) > 1
    board = url_for("leads.board")
    return [{"key": "leads.stages", "title": _("Open leads by stage"), "order": 20,
             "icon": "kanban", "figures": [
                 {"label": f"{pipeline} · {stage}" if several else stage, "value": count,
                  "url": board}
                 for pipeline, stage, count in rows]}]
