"""Portal pages on one blueprint under ``/portal``: sign-in (``auth``), the client's home
and client switching (``pages``), and the staff invitation form (``staff``)."""

from flask import Blueprint

bp = Blueprint("portal", __name__, url_prefix="/portal", template_folder="../templates")

from plugins.portal.views import auth, pages, staff  # noqa: E402  (routes register)

__all__ = ["auth", "bp", "pages", "staff"]
