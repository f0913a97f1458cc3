"""``/api/v1/me``: one's preferences, password, API tokens and sessions, as the pages do them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from core.db import utcnow
from core.identity.models import ApiToken, User
from core.kernel import kontora
from tests.core.accounts.support import bearer
from tests.core.identity.support import PASSWORD, make_user, sign_in

ME = "/api/v1/me"
TOKEN = re.compile(r"^kt_[0-9a-f]{16}_[\w-]{20,}$")


@pytest.mark.parametrize(("method", "path"), [
    ("GET", ""), ("PUT", "/preferences"), ("POST", "/password"), ("POST", "/sessions/end"),
    ("GET", "/tokens"), ("POST", "/tokens"), ("POST", "/tokens/1/revoke")])
def test_strangers_are_turned_away(app, method, path):
    assert app.test_client().open(ME + path, method=method, json={}).status_code == 401


def test_preferences_are_read_and_saved_and_bad_ones_named(app):
    ana = make_user(app, "ana", roles=("salesperson",))
    client, headers = app.test_client(), bearer(app, ana)
    me = client.get(ME, headers=headers).get_json()
    assert (me["id"], me["login"], me["language"]) == (ana, "ana", None)
    saved = client.put(f"{ME}/preferences", json={"language": "bg", "timezone": "Europe/Sofia"},
                       headers=headers)
    assert saved.status_code == 200, saved.get_json()
    assert (saved.get_json()["language"], saved.get_json()["timezone"]) == ("bg", "Europe/Sofia")
    kept = client.put(f"{ME}/preferences", json={"language": ""}, headers=headers).get_json()
    assert (kept["language"], kept["timezone"]) == (None, "Europe/Sofia")  # only what is given
    for body, field in (({"language": "xx"}, "language"), ({"timezone": "Mars/Base"}, "timezone"),
                        ({"language": 7}, "language"), ({"timezone": None}, "timezone")):
        bad = client.put(f"{ME}/preferences", json=body, headers=headers)
        assert bad.status_code == 422 and field in bad.get_json()["fields"], body


def test_password_change_needs_the_current_one_and_keeps_this_session(app):
    make_user(app, "ana")
    client = app.test_client()
    sign_in(client, "ana")
    token = client.get("/preferences").get_data(as_text=True)
    csrf = {"X-CSRFToken": re.search(r'name="csrf_token" value="([^"]+)"', token).group(1)}
    wrong = client.post(f"{ME}/password", json={"current": "nope", "password": "new secret 123"},
                        headers=csrf)
    assert wrong.status_code == 422 and list(wrong.get_json()["fields"]) == ["current"]
    short = client.post(f"{ME}/password", json={"current": PASSWORD, "password": "short"},
                        headers=csrf)
    assert short.status_code == 422 and list(short.get_json()["fields"]) == ["password"]
    missing = client.post(f"{ME}/password", json={"current": PASSWORD}, headers=csrf)
    assert missing.status_code == 422 and "password" in missing.get_json()["fields"]
    assert client.post(f"{ME}/password", json={"current": PASSWORD,
                                               "password": "new secret 123"},
                       headers=csrf).status_code == 204
    assert client.get(ME).status_code == 200  # this session follows the new password
    again = app.test_client()
    assert sign_in(again, "ana", "new secret 123").status_code == 302


def test_signing_out_everywhere_with_a_token_ends_the_web_sessions(app):
    ana = make_user(app, "ana", roles=("salesperson",))
    browser = app.test_client()
    sign_in(browser, "ana")
    assert browser.get("/preferences").status_code == 200
    headers = bearer(app, ana, ["sample.read"])
    assert app.test_client().post(f"{ME}/sessions/end", headers=headers).status_code == 204
    assert browser.get("/preferences").status_code == 302
    assert app.test_client().get(ME, headers=headers).status_code == 200  # the token lives on


def test_a_token_is_made_shown_once_listed_and_revoked(app):
    ana = make_user(app, "ana", roles=("salesperson",))
    client, headers = app.test_client(), bearer(app, ana)
    made = client.post(f"{ME}/tokens", json={"name": "script", "permissions": ["sample.read"]},
                       headers=headers)
    assert made.status_code == 201, made.get_json()
    secret, token_id = made.get_json()["token"], made.get_json()["id"]
    assert TOKEN.match(secret) and secret.startswith(made.get_json()["prefix"] + "_")
    with app.app_context(), kontora(app).db.unit() as s:
        assert secret not in s.get(ApiToken, token_id).secret_hash
    listed = client.get(f"{ME}/tokens", headers=headers)
    assert secret not in listed.get_data(as_text=True)
    assert [t["name"] for t in listed.get_json()] == ["script", "test"]
    mine = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/sample.note", headers=mine).status_code == 200
    assert client.post("/api/v1/sample.note", json={"title": "x"}, headers=mine
                       ).status_code == 403  # only what it was given
    revoked = client.post(f"{ME}/tokens/{token_id}/revoke", headers=headers)
    assert revoked.status_code == 200 and revoked.get_json()["revoked_at"]
    assert client.get("/api/v1/sample.note", headers=mine).status_code == 401
    assert client.post(f"{ME}/tokens/{token_id}/revoke", headers=headers).status_code == 200


def test_a_token_grants_no_more_than_its_maker_holds(app):
    ana = make_user(app, "ana", roles=("salesperson",))
    client = app.test_client()
    narrow = bearer(app, ana, ["sample.read"])
    for body, field in (
            ({"name": "x", "permissions": ["core.admin"]}, "permissions"),
            ({"name": "x", "permissions": ["sample.write"]}, "permissions"),  # ana's, not its
            ({"name": "x", "permissions": []}, "permissions"),
            ({"name": " ", "permissions": ["sample.read"]}, "name"),
            ({"name": "x", "permissions": ["sample.read"], "expires_at": "2001-01-01T00:00:00Z"},
             "expires_at"),
            ({"name": "x", "permissions": ["sample.read"], "expires_at": "tomorrow"},
             "expires_at")):
        refused = client.post(f"{ME}/tokens", json=body, headers=narrow)
        assert refused.status_code == 422 and field in refused.get_json()["fields"], body


def test_a_token_made_by_a_token_does_not_outlive_it(app):
    ana = make_user(app, "ana", roles=("salesperson",))
    client = app.test_client()
    soon = utcnow() + timedelta(days=1)
    expiring = bearer(app, ana, ["sample.read"], expires_at=soon)
    body = {"name": "child", "permissions": ["sample.read"]}
    for expires_at in (None, (soon + timedelta(days=1)).isoformat()):
        refused = client.post(f"{ME}/tokens", json={**body, "expires_at": expires_at},
                              headers=expiring)
        assert refused.status_code == 422 and "expires_at" in refused.get_json()["fields"]
    sooner = (soon - timedelta(hours=1)).isoformat()
    assert client.post(f"{ME}/tokens", json={**body, "expires_at": sooner},
                       headers=expiring).status_code == 201


def test_only_ones_own_tokens_are_revoked_and_not_the_calling_one(app):
    root = make_user(app, "root", roles=("admin",))
    ana = make_user(app, "ana", roles=("salesperson",))
    anas = bearer(app, ana, ["sample.read"])
    admins = bearer(app, root)
    client = app.test_client()
    with app.app_context(), kontora(app).db.unit() as s:
        anas_id = s.query(ApiToken.id).filter_by(user_id=ana).scalar()
        roots_id = s.query(ApiToken.id).filter_by(user_id=root).scalar()
    assert client.post(f"{ME}/tokens/{anas_id}/revoke", headers=admins).status_code == 404
    assert client.post(f"{ME}/tokens/{roots_id}/revoke", headers=anas).status_code == 404
    itself = client.post(f"{ME}/tokens/{anas_id}/revoke", headers=anas)
    assert itself.status_code == 409
    assert client.get(ME, headers=anas).status_code == 200
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.get(User, ana).login == "ana" and s.get(ApiToken, anas_id).revoked_at is None
