"""``/l/<token>``: the one public address of every client link, and its error page."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, render_template, request
from werkzeug.wrappers import Response

from core.api.errors import error_response
from core.i18n import gettext as _
from core.identity import limiter
from core.links.errors import LinkError, LinkInvalid
from core.links.service import PURPOSES_EXTENSION, find_link, purposes
from core.registry import PluginError

bp = Blueprint("links", __name__, template_folder="templates")

PUBLIC_LIMIT = "60 per minute"


@bp.route("/l/<token>", methods=["GET", "POST"])
@limiter.limit(PUBLIC_LIMIT)
def follow(token: str) -> Response:
    """Hand the request to the public view of the link's purpose, which checks it fully."""

    link = find_link(token)
    endpoint = purposes().get(link.purpose)
    if endpoint is None:  # the plugin serving it was switched off
        raise LinkInvalid(_("This link is not valid. Check that it was copied whole."))
    return current_app.make_response(current_app.view_functions[endpoint](token=token))


def link_error(exc: LinkError) -> Response | tuple[str, int]:
    """The public page for a link that does not work (JSON under ``/api/``)."""
    if request.path.startswith("/api/"):

        return error_response(exc)
    return render_template("links/error.html", error=exc), exc.status


def install(app: Flask, declared: dict[str, str]) -> None:
    """Keep the purposes on the app (each must name a view) and show link errors."""
    missing = {p: e for p, e in declared.items() if e not in app.view_functions}
    if missing:

        raise PluginError(f"kontora_link_purposes names endpoints no blueprint has: {missing}")
    app.extensions[PURPOSES_EXTENSION] = dict(declared)
    app.register_error_handler(LinkError, link_error)
