"""Paths of this plugin's pages that also work outside a request (jobs, signal receivers)."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, url_for


def site_path(endpoint: str, **values: Any) -> str:
    if has_request_context():
        return url_for(endpoint, **values)
    from flask import current_app

    with current_app.test_request_context():
        return url_for(endpoint, **values)


def lead_path(lead_id: int) -> str:
    return site_path("leads.lead_detail", id=lead_id)
