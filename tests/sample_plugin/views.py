"""Routes of the ``sample`` plugin."""

from __future__ import annotations

from flask import Blueprint
from sqlalchemy import func, select

from core.db import session
from tests.sample_plugin.models import SampleNote

bp = Blueprint("sample", __name__, url_prefix="/sample")


@bp.get("/")
def index() -> dict:
    return {"notes": session().scalar(select(func.count()).select_from(SampleNote))}
