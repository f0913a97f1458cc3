"""Routes of ``partner_demo``."""

from __future__ import annotations

from flask import Blueprint, current_app
from sqlalchemy import select

from core.db import session
from kontora_partner_demo.models import Greeting

bp = Blueprint("partner_demo", __name__, url_prefix="/partner-demo")


@bp.get("/")
def index() -> dict:
    """The greetings stored and the plugins the app started with (seen by the receiver)."""
    greetings = session().scalars(select(Greeting).order_by(Greeting.id)).all()
    return {"greetings": [g.text for g in greetings],
            "started_with": current_app.extensions["partner_demo"]["started_with"]}
