"""Staff pages of the ``leads`` plugin: one blueprint, a module per page family."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("leads", __name__, url_prefix="/leads", template_folder="../templates",
               static_folder="../static", static_url_path="/static")

from plugins.leads.views import (  # noqa: E402,F401  (modules add their routes to bp)
    board,
    convert,
    forms,
    leads,
    lines,
    questionnaires,
    reports,
    settings,
)
