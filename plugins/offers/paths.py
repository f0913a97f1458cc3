"""Addresses of offer pages that work inside and outside a request (jobs, the CLI)."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, url_for

from core.kernel import kontora


def site_path(endpoint: str, **values: Any) -> str:
    """``url_for`` as a path on this site, also in a job."""
    if has_request_context():
        return url_for(endpoint, **values)
    from flask import current_app

    with current_app.test_request_context():
        return url_for(endpoint, **values)


def offer_url(offer_id: int) -> str:
    """The absolute address of an offer's staff page, for e-mails to the owner."""

    return kontora().settings.base_url + site_path("offers.offer_detail", id=offer_id)
