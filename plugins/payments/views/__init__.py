"""Staff pages of payments under ``/payments`` and the client's card payment pages and
provider webhooks under ``/payments/online``."""

from flask import Blueprint

bp = Blueprint("payments", __name__, url_prefix="/payments", template_folder="../templates")
public_bp = Blueprint("payments_public", __name__, url_prefix="/payments/online",
                      template_folder="../templates")

from plugins.payments.views import (  # noqa: E402  (routes register)
    forms,
    pages,
    public,
    receipts,
    receivables,
    statements,
)

__all__ = ["bp", "forms", "pages", "public", "public_bp", "receipts", "receivables",
           "statements"]
