"""Staff pages of offers: the generic list, the offer page, forms, lines, sending, PDFs."""

from flask import Blueprint

bp = Blueprint("offers", __name__, url_prefix="/offers", template_folder="../templates")

from plugins.offers.views import forms, lines, list, page, texts  # noqa: E402,F401  (routes)
