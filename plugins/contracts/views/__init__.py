"""Staff pages of contracts under ``/contracts`` and the client's public pages.

The list and detail pages are the kernel's generic ones (``pages``); creating, changing and
the workflow go through this plugin's services (``forms``, ``protocols``); ``register``
holds the expiring list, the verify page and the settings; ``public`` serves the signing
and questionnaire links.
"""

from flask import Blueprint

bp = Blueprint("contracts", __name__, url_prefix="/contracts", template_folder="../templates",
               static_folder="../static", static_url_path="/static")
public_bp = Blueprint("contracts_public", __name__, url_prefix="/contracts/client",
                      template_folder="../templates")

from plugins.contracts.views import (  # noqa: E402  (routes register on the blueprints)
    forms,
    pages,
    protocols,
    public,
    register,
    requisites,
)

__all__ = ["bp", "forms", "pages", "protocols", "public", "public_bp", "register",
           "requisites"]
