"""The kernel's own API routes: the OpenAPI document and its interactive docs page."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template

from core.api.blueprint import api_blueprint
from core.api.openapi import openapi_document, operation

bp = api_blueprint("api", __name__)

# The docs page's scripts and styles are served outside /api/v1, which holds only the API.
assets = Blueprint("api_assets", __name__, static_folder="static",
                   static_url_path="/static/api", template_folder="templates")


@bp.get("/openapi.json")
@operation("GET", summary="The OpenAPI 3 document of this API", tags=["meta"], public=True,
           responses={200: "The OpenAPI document (JSON)."})
def openapi_json() -> Response:
    return jsonify(openapi_document(current_app._get_current_object()))


@bp.get("/docs")
@operation("GET", summary="Interactive API documentation (HTML)", tags=["meta"], public=True,
           responses={200: "An HTML page that lets you read and try every endpoint."})
def docs() -> str:
    return render_template("api/docs.html")
