"""Routes of the ``sample`` plugin."""

from __future__ import annotations

from flask import Blueprint
from sqlalchemy import func, select

from core.db import session
from core.i18n import lazy_gettext as _l
from core.web.generic import Column, Field, Filter, register_crud
from tests.sample_plugin.models import SampleNote

bp = Blueprint("sample", __name__, url_prefix="/sample")


@bp.get("/")
def index() -> dict:
    return {"notes": session().scalar(select(func.count()).select_from(SampleNote))}


register_crud(
    bp, kind="sample.note", path="/notes",
    columns=[Column("title", _l("Title")), Column("amount", _l("Amount")),
             Column("owner_id", _l("Owner"), sortable=False)],
    filters=[Filter("amount", _l("Amount from"), type="number", lookup="gte"),
             Filter("amount", _l("Amount to"), type="number", lookup="lte")],
    default_sort="-id",
    form_fields=[Field("title", _l("Title"), required=True),
                 Field("amount", _l("Amount"), type="decimal", col="col-sm-6")],
    search_fields=["title"], page_size=10,
)
