"""An oversized request body is refused with 413 before anything reads it."""

from __future__ import annotations

from core.kernel import kontora
from tests.core.api.support import bearer, make_user


def test_oversized_form_is_413_page_and_json(make_app) -> None:
    app = make_app(plugins="sample", KONTORA_UPLOAD_MAX_BYTES="1024")
    client = app.test_client()
    body = {"title": "x" * (1024 + 70 * 1024)}
    page = client.post("/login", data=body)
    assert page.status_code == 413
    with app.app_context(), kontora(app).db.unit():
        headers = bearer(make_user("big", ["sample.read", "sample.write"], "all"))
    api = client.post("/api/v1/sample.note", json=body, headers=headers)
    assert api.status_code == 413
    assert api.get_json()["error"] == "payload_too_large"


def test_body_within_the_limit_reaches_the_view(make_app) -> None:
    app = make_app(plugins="sample", KONTORA_UPLOAD_MAX_BYTES="1024")
    response = app.test_client().post("/login", data={"login": "a", "password": "b"})
    assert response.status_code != 413
