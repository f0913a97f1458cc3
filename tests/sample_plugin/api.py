"""REST endpoints of the ``sample`` plugin: the generic note resource."""

from __future__ import annotations

from core.api.blueprint import api_blueprint
from core.api.resources import register_resource
from tests.sample_plugin.schemas import NoteSchema

bp = api_blueprint("sample_api", __name__)
register_resource(bp, kind="sample.note", schema=NoteSchema, filters=["title", "amount"])
