"""The kanban board: a column per stage of one pipeline, a card per lead.

Cards are dragged between columns with HTML5 drag and drop (``static/leads/board.js``),
which submits the card's own stage form through htmx; the same form works with the
keyboard and without JavaScript, so the board never depends on a pointer.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import render_template, request
from markupsafe import Markup, escape
from sqlalchemy import func, select

from core.db import session
from core.identity import current_principal
from core.identity.guards import permission_required
from core.permissions import require, scope
from plugins.leads.models import Lead, Pipeline
from plugins.leads.services.pipelines import lost_reasons, pipelines
from plugins.leads.views import bp

CLOSED_CARDS = 20
"""Won and lost columns show the most recent deals only; the list has the rest."""
OPEN_CARDS = 200


@bp.get("/board")
@permission_required("leads.read")
def board():
    return render_board()


def _int_arg(name: str) -> int | None:
    value = request.values.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def render_board(errors: dict[int, Any] | None = None) -> str:
    principal = current_principal()
    require(principal, "leads.read")
    every = pipelines(active_only=True)
    chosen = _int_arg("pipeline")
    pipeline = next((p for p in every if p.id == chosen), None) or next(
        (p for p in every if p.is_default), every[0] if every else None)
    owner_id = _int_arg("owner")
    columns = []
    ids: list[int] = []
    if pipeline is not None:
        totals = _totals(principal, pipeline, owner_id)
        for stage in pipeline.stages:
            stmt = select(Lead).where(Lead.stage_id == stage.id)
            if owner_id is not None:
                stmt = stmt.where(Lead.owner_id == owner_id)
            stmt = scope(stmt, Lead, principal).order_by(
                Lead.stage_entered_at.desc(), Lead.id.desc()).limit(
                CLOSED_CARDS if stage.is_closed else OPEN_CARDS)
            cards = list(session().scalars(stmt).unique())
            ids += [c.id for c in cards if c.status == "open"]
            columns.append({"stage": stage, "cards": cards, "totals": totals.get(stage.id, {})})
    return render_template(
        "leads/board.html", pipeline=pipeline, pipelines=every, columns=columns,
        owner_id=owner_id, no_next_step=_no_next_step(principal, ids),
        stage_options=_stage_options(every), reasons=lost_reasons(), errors=errors or {},
        can_write=principal.has("leads.write"))


def _totals(principal: Any, pipeline: Pipeline,
            owner_id: int | None) -> dict[int, dict[str, Decimal]]:
    """Budgets per stage and currency over every lead of the column, not only those shown:
    amounts in different currencies are never added up."""
    stmt = (select(Lead.stage_id, Lead.currency, func.sum(Lead.budget))
            .where(Lead.stage_id.in_([s.id for s in pipeline.stages]), Lead.budget.is_not(None))
            .group_by(Lead.stage_id, Lead.currency))
    if owner_id is not None:
        stmt = stmt.where(Lead.owner_id == owner_id)
    totals: dict[int, dict[str, Decimal]] = {}
    for stage_id, currency, amount in session().execute(scope(stmt, Lead, principal)):
        totals.setdefault(stage_id, {})[currency] = amount
    return totals


def _no_next_step(principal: Any, ids: list[int]) -> set[int]:
    if not principal.has("tasks.read"):
        return set()
    from plugins.activities.queries import without_next_step

    return without_next_step("leads.lead", Lead, ids)


def _stage_options(every: list[Pipeline]) -> dict[int | None, Markup]:
    """The options of a card's stage select, by the stage to preselect (``None``: none).

    Built once per board instead of once per card: the same few options repeated on two
    hundred cards were most of the board's rendering time.
    """
    groups = [(p, list(p.stages)) for p in every]

    def options(selected: int | None) -> Markup:
        return Markup("").join(
            Markup('<optgroup label="{}">{}</optgroup>').format(p.name, Markup("").join(
                Markup('<option value="{}"{}>{}</option>').format(
                    s.id, Markup(" selected") if s.id == selected else "", escape(s.name))
                for s in stages))
            for p, stages in groups)

    return {s.id: options(s.id) for _, stages in groups for s in stages} | {None: options(None)}
