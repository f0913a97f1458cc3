"""Every API failure answers with the same JSON shape and the right status."""

from __future__ import annotations

import marshmallow
import pytest
from sqlalchemy.exc import DataError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import TooManyRequests

from core.api.blueprint import api_blueprint
from core.api.errors import error_response


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json, response.get_data(as_text=True)[:200]
    body = response.get_json()
    assert body["status"] == status
    assert isinstance(body["error"], str) and isinstance(body["message"], str)
    if code:
        assert body["error"] == code
    return body


def test_400_malformed_json(api):
    r = api.client.post("/api/v1/sample.note", data="{not json", headers=api.ann,
                        content_type="application/json")
    assert_error(r, 400, "bad_request")


def test_401_without_credentials_and_with_a_bad_token(api):
    body = assert_error(api.client.get("/api/v1/sample.note"), 401, "not_authenticated")
    assert body["message"]
    r = api.client.get("/api/v1/sample.note", headers={"Authorization": "Bearer kt_nope_nope"})
    assert_error(r, 401)
    assert r.headers["WWW-Authenticate"].startswith("Bearer")


def test_403_without_the_permission(api):
    r = api.client.post("/api/v1/sample.note", json={"title": "x"}, headers=api.reader)
    assert_error(r, 403, "forbidden")


def test_404_unknown_record_and_unknown_route(api):
    assert_error(api.client.get("/api/v1/sample.note/999999", headers=api.ann), 404, "not_found")
    assert_error(api.client.get("/api/v1/no/such/route", headers=api.ann), 404, "not_found")


def test_405_with_allow_header(api):
    r = api.client.delete("/api/v1/sample.note", headers=api.ann)
    assert_error(r, 405, "method_not_allowed")
    assert "GET" in r.headers["Allow"]


def test_409_on_a_stale_if_match(api):
    created = api.client.post("/api/v1/sample.note", json={"title": "a"}, headers=api.ann)
    url = f"/api/v1/sample.note/{created.get_json()['id']}"
    tag = created.headers["ETag"]
    assert api.client.patch(url, json={"title": "b"}, headers={**api.ann, "If-Match": tag}
                            ).status_code == 200
    r = api.client.patch(url, json={"title": "c"}, headers={**api.ann, "If-Match": tag})
    assert_error(r, 409, "conflict")


def test_415_when_the_body_is_not_json(api):
    r = api.client.post("/api/v1/sample.note", data="title=x", headers=api.ann,
                        content_type="application/x-www-form-urlencoded")
    assert_error(r, 415, "unsupported_media_type")


def test_422_names_each_bad_field(api):
    r = api.client.post("/api/v1/sample.note", json={"amount": "many", "colour": "red"},
                        headers=api.ann)
    body = assert_error(r, 422, "validation_error")
    assert set(body["fields"]) >= {"title", "amount"}
    assert all(isinstance(m, list) and m for m in body["fields"].values())


@pytest.fixture
def late_routes(api):
    """A blueprint, registered before the first request, with routes that fail on purpose."""
    from core.identity import limiter

    bp = api_blueprint("failing_api", __name__)

    @bp.get("/boom")
    def boom():
        raise RuntimeError("a bug")

    @bp.get("/limited")
    @limiter.limit("1 per minute")
    def limited():
        return {"ok": True}

    api.app.register_blueprint(bp, url_prefix="/api/v1/failing")
    return api


def test_429_when_rate_limited(late_routes):
    client = late_routes.client
    assert client.get("/api/v1/failing/limited").status_code == 200
    r = client.get("/api/v1/failing/limited")
    assert_error(r, 429, "too_many_requests")


def test_500_hides_the_crash(late_routes):
    r = late_routes.client.get("/api/v1/failing/boom")
    body = assert_error(r, 500, "internal_error")
    assert "a bug" not in body["message"]


@pytest.mark.parametrize(("exc", "status", "code"), [
    (marshmallow.ValidationError({"lines": [{"qty": ["Bad."]}, {}]}), 422, "validation_error"),
    (StaleDataError(), 409, "conflict"),
    (DataError("INSERT ...", {}, Exception("value too long")), 400, "bad_request"),
    (TooManyRequests(), 429, "too_many_requests"),
    (KeyError("x"), 500, "internal_error"),
])
def test_error_response_maps_each_kind_of_exception(api, exc, status, code):
    with api.app.test_request_context("/api/v1/x"):
        body = assert_error(error_response(exc), status, code)
    if status == 422:
        assert body["fields"] == {"lines.qty": ["Bad."]}
