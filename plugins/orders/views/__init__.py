"""Staff pages of orders on one blueprint under ``/orders``, and the client's public page.

The list, export and detail pages are the kernel's generic ones (``pages``); creating,
changing and deleting go through this plugin's forms (``forms``), because they call its
services. The lines editor (htmx), the workflow buttons, the PDF and the admin page have a
module each; ``public`` serves the client's confirmation link.
"""

from flask import Blueprint

bp = Blueprint("orders", __name__, url_prefix="/orders", template_folder="../templates")
public_bp = Blueprint("orders_public", __name__, url_prefix="/orders/client",
                      template_folder="../templates")

from plugins.orders.views import (  # noqa: E402  (routes register on the blueprints)
    admin,
    forms,
    lines,
    pages,
    pdf,
    public,
    thread,
    workflow,
)

__all__ = ["admin", "bp", "forms", "lines", "pages", "pdf", "public", "public_bp", "thread",
           "workflow"]
