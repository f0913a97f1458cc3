"""What the page modules share: choices for selects, the ``next`` redirect, htmx checks."""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for
from sqlalchemy import select

from core.db import session
from core.identity.models import User


def is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def back(default_endpoint: str, **values: Any) -> Any:
    """Redirect to the form's ``next`` (a path on this site only), else to the default."""
    target = request.form.get("next") or ""
    if not target.startswith("/") or target.startswith("//"):
        target = url_for(default_endpoint, **values)
    return redirect(target)


def pipeline_choices() -> list[tuple[Any, Any]]:
    from plugins.leads.models import Pipeline

    return [(p.id, p.name) for p in session().scalars(
        select(Pipeline).order_by(Pipeline.position, Pipeline.id))]


def stage_choices() -> list[tuple[Any, Any]]:
    from plugins.leads.models import Pipeline, Stage

    return [(s.id, f"{p} / {s.name}") for s, p in session().execute(
        select(Stage, Pipeline.name).join(Pipeline)
        .order_by(Pipeline.position, Pipeline.id, Stage.position, Stage.id))]


def owner_choices() -> list[tuple[Any, Any]]:
    return [(u.id, u.name or u.login) for u in session().scalars(
        select(User).where(User.active.is_(True)).order_by(User.name))]


def form_dict(keys: tuple[str, ...]) -> dict[str, Any]:
    """The posted fields named ``keys`` (blank ones left out)."""
    return {k: request.form[k] for k in keys if request.form.get(k, "").strip()}
