"""Routes of the ``sample`` plugin."""

from __future__ import annotations

from flask import Blueprint, render_template_string, request
from sqlalchemy import func, select

from core.db import session
from core.i18n import lazy_gettext as _l
from core.links import consume_link, record_view, resolve_link
from core.web.generic import Column, Field, Filter, register_crud
from tests.sample_plugin.models import SampleNote

bp = Blueprint("sample", __name__, url_prefix="/sample")


@bp.get("/")
def index() -> dict:
    return {"notes": session().scalar(select(func.count()).select_from(SampleNote))}


@bp.route("/public/<token>", methods=["GET", "POST"])
def public_note(token: str) -> str:
    """A client's view of a note through a ``sample.view`` link (records the opening)."""

    link = resolve_link(token, "sample.view")
    first = record_view(link)
    note = session().get(SampleNote, link.record_id)
    return f"note {note.title} first={first} opened={link.open_count}"


@bp.route("/public/<token>/confirm", methods=["GET", "POST"])
def public_confirm(token: str) -> str:
    """A single-use ``sample.confirm`` link: a form, then the confirmation."""

    link = resolve_link(token, "sample.confirm")
    if request.method == "POST":
        consume_link(link)
        return "confirmed"
    return render_template_string(
        '<form method="post"><input type="hidden" name="csrf_token" value="{{ csrf_token() }}">'
        '<button>Confirm</button></form>')


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
