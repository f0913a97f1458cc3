"""Staff pages of shipping on one blueprint under ``/shipping``.

The list and detail pages are the kernel's generic ones (``pages``); planning, changing
and packing go through this plugin's forms (``forms``), the workflow buttons and papers
have a module each, and ``carriers`` keeps the carrier register.
"""

from flask import Blueprint

bp = Blueprint("shipping", __name__, url_prefix="/shipping", template_folder="../templates")

from plugins.shipping.views import (  # noqa: E402  (routes register on the blueprint)
    carriers,
    forms,
    pages,
    papers,
    workflow,
)

__all__ = ["bp", "carriers", "forms", "pages", "papers", "workflow"]
