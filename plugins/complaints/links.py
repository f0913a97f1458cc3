"""Addresses of the plugin's pages that also work outside a request (jobs, receivers, mail)."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, url_for

from core.kernel import kontora


def site_path(endpoint: str, **values: Any) -> str:
    """``url_for`` as a path on this site, inside or outside a request."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context():
        return url_for(endpoint, **values)


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute URL under ``KONTORA_BASE_URL`` (for e-mails)."""
    return kontora().settings.base_url.rstrip("/") + site_path(endpoint, **values)
