"""Staff pages of invoicing under ``/invoicing`` and the client's page behind the link."""

from flask import Blueprint

bp = Blueprint("invoicing", __name__, url_prefix="/invoicing", template_folder="../templates")
public_bp = Blueprint(
    "invoicing_public", __name__, url_prefix="/invoicing/client", template_folder="../templates"
)

from plugins.invoicing.views import (  # noqa: E402  (routes register)
    forms,
    lines,
    pages,
    public,
    rates,
    schedules,
)

__all__ = ["bp", "forms", "lines", "pages", "public", "public_bp", "rates", "schedules"]
