"""Staff pages of invoicing under ``/invoicing`` and the client's page behind the link."""

from flask import Blueprint

bp = Blueprint("invoicing", __name__, url_prefix="/invoicing", template_folder="../templates")
public_bp = Blueprint("invoicing_public", __name__, url_prefix="/invoicing/client",
                      template_folder="../templates")

from plugins.invoicing.views import forms, lines, pages, public, schedules  # noqa: E402  (routes register)

__all__ = ["bp", "forms", "lines", "pages", "public", "public_bp", "schedules"]
