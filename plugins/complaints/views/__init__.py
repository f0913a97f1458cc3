"""Staff pages of complaints on one blueprint under ``/complaints``.

The list and detail pages are the kernel's generic ones (``pages``); entering, changing,
the workflow buttons and photos go through this plugin's services (``forms``), and
``report`` shows the report by product, client or cause (also as CSV); ``public`` is the
client's status page behind the e-mailed link.
"""

from flask import Blueprint

bp = Blueprint("complaints", __name__, url_prefix="/complaints",
               template_folder="../templates")
public_bp = Blueprint("complaints_public", __name__, url_prefix="/complaints/client",
                      template_folder="../templates")

from plugins.complaints.views import forms, pages, public, report  # noqa: E402  (routes register)

__all__ = ["bp", "forms", "pages", "public", "public_bp", "report"]
