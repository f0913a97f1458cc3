"""The kanban board: a column per stage of one pipeline, a card per lead.

Cards are dragged between columns with HTML5 drag and drop (``static/leads/board.js``),
which submits the card's own stage form through htmx; the same form works with the
keyboard and without JavaScript, so the board never depends on a pointer.

A column shows its latest ``PAGE`` arrivals; "Show more" appends the next page (htmx) or
opens it as a page of its own (a plain link). Pages are keyset pages of the generic listing
(``services.board``: ``stage_id``, sorted by ``-stage_entered_at``), the same the API gives,
so a column of a hundred thousand leads costs what a column of thirty costs. The column's
count and per-currency totals are one SQL aggregate over all its leads.
"""

from __future__ import annotations

from typing import Any

from flask import abort, make_response, render_template, request, url_for
from markupsafe import Markup, escape
from sqlalchemy import select

from core.db import session
from core.identity import current_principal
from core.identity.guards import permission_required
from core.permissions import require, scope
from plugins.leads.models import Lead, Pipeline, Stage
from plugins.leads.services.board import column_page, column_summaries
from plugins.leads.services.pipelines import lost_reasons, pipelines
from plugins.leads.views import bp
from plugins.leads.views.common import is_htmx


@bp.get("/board")
@permission_required("leads.read")
def board():
    return render_board()


def _int_arg(name: str) -> int | None:
    value = request.values.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def _more_url(stage: Stage, owner_id: int | None, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    return url_for("leads.board_column", stage_id=stage.id, cursor=cursor, owner=owner_id)


def render_board(errors: dict[int, Any] | None = None) -> str:
    principal = current_principal()
    require(principal, "leads.read")
    errors = errors or {}
    every = pipelines(active_only=True)
    chosen = _int_arg("pipeline")
    pipeline = next((p for p in every if p.id == chosen), None) or next(
        (p for p in every if p.is_default), every[0] if every else None)
    owner_id = _int_arg("owner")
    columns = []
    if pipeline is not None:
        summaries = column_summaries(principal, [s.id for s in pipeline.stages], owner_id)
        for stage in pipeline.stages:
            page = column_page(principal, stage.id, owner_id)
            columns.append({"stage": stage, "cards": page.items,
                            "summary": summaries[stage.id],
                            "more_url": _more_url(stage, owner_id, page.next_cursor)})
        _keep_refused_cards(principal, columns, errors)
    return render_template(
        "leads/board.html", pipeline=pipeline, pipelines=every, columns=columns,
        owner_id=owner_id, **_card_context(principal, columns, errors, every))


@bp.get("/board/stages/<int:stage_id>")
@permission_required("leads.read")
def board_column(stage_id: int):
    """The next page of one column: cards to append (htmx), or a page of its own."""
    principal = current_principal()
    stage = session().get(Stage, stage_id)
    if stage is None:
        abort(404)
    owner_id = _int_arg("owner")
    page = column_page(principal, stage.id, owner_id, request.args.get("cursor") or None)
    column = {"stage": stage, "cards": page.items,
              "more_url": _more_url(stage, owner_id, page.next_cursor)}
    context = _card_context(principal, [column], {}, pipelines(active_only=True))
    if is_htmx():
        html = render_template("leads/_board_cards.html", column=column,
                               pipeline=stage.pipeline, appended=True, **context)
    else:
        column["summary"] = column_summaries(principal, [stage.id], owner_id)[stage.id]
        html = render_template("leads/board_column.html", column=column,
                               pipeline=stage.pipeline, owner_id=owner_id, **context)
    response = make_response(html)
    response.vary.add("HX-Request")  # the same URL answers a fragment or a page
    return response


def _card_context(principal: Any, columns: list[dict[str, Any]], errors: dict[int, Any],
                  every: list[Pipeline]) -> dict[str, Any]:
    """What a card's template needs besides the lead, worked out once for all cards."""
    ids = [c.id for column in columns for c in column["cards"] if c.status == "open"]
    return {"no_next_step": _no_next_step(principal, ids),
            "stage_options": _stage_options(every),
            "reasons": lost_reasons(), "errors": errors,
            "can_write": principal.has("leads.write")}


def _keep_refused_cards(principal: Any, columns: list[dict[str, Any]],
                        errors: dict[int, Any]) -> None:
    """A refused move shows its reason on the card, also when the card had been appended by
    "Show more" and is beyond a column's first page."""
    shown = {c.id for column in columns for c in column["cards"]}
    missing = [i for i in errors if i not in shown]
    if not missing:
        return
    stmt = scope(select(Lead).where(Lead.id.in_(missing)), Lead, principal)
    by_stage = {column["stage"].id: column for column in columns}
    for lead in session().scalars(stmt):
        if lead.stage_id in by_stage:
            by_stage[lead.stage_id]["cards"].insert(0, lead)


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
