"""Friendly 403/404/500 pages, and JSON errors for requests under /api/."""

from __future__ import annotations

import pytest

from core.errors import Conflict, Forbidden


@pytest.fixture
def failing(app):
    """Routes that fail in each way, added before the first request."""

    @app.get("/_boom")
    def boom():
        raise RuntimeError("kaput")

    @app.get("/api/v1/_boom")
    def api_boom():
        raise RuntimeError("kaput")

    @app.get("/_forbidden")
    def forbidden():
        raise Forbidden("Only the accountant may see this.")

    @app.get("/_conflict")
    def conflict():
        raise Conflict("Somebody else changed it.")

    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: unexpected errors -> 500
    return app


def test_404_is_a_friendly_page_for_staff(sign_in):
    response = sign_in("ann").get("/no/such/page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Page not found" in page and 'class="k-sidebar' in page  # inside the shell


def test_403_page_carries_the_message(failing, sign_in):
    response = sign_in("ann").get("/_forbidden")
    assert response.status_code == 403
    assert "Only the accountant may see this." in response.get_data(as_text=True)


def test_kontora_errors_keep_their_status(failing, sign_in):
    response = sign_in("ann").get("/_conflict")
    assert response.status_code == 409
    assert "Somebody else changed it." in response.get_data(as_text=True)


def test_500_page_hides_the_error(failing, sign_in):
    response = sign_in("ann").get("/_boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong" in page and "kaput" not in page


def test_pages_work_for_signed_out_visitors(app):
    response = app.test_client().get("/no/such/page")
    assert response.status_code == 404 and "Page not found" in response.get_data(as_text=True)


def test_api_errors_are_json(failing):
    client = failing.test_client()
    missing = client.get("/api/v1/no/such/thing")
    assert missing.status_code == 404 and missing.is_json
    assert missing.get_json()["error"] == "not_found"
    crash = client.get("/api/v1/_boom")
    assert crash.status_code == 500 and crash.get_json()["error"] == "internal_error"
    assert "kaput" not in crash.get_data(as_text=True)


def test_method_not_allowed_is_a_page_with_its_allow_header(sign_in):
    response = sign_in("ann").client.delete("/notifications")
    assert response.status_code in (400, 405)  # CSRF refuses unsafe methods first
