"""Signing in and out, session cookies, CSRF and the login rate limit."""

from __future__ import annotations

from core.identity.models import User
from core.kernel import kontora
from tests.core.identity.support import PASSWORD, csrf_token, make_user, sign_in


def test_right_password_signs_in_and_logout_signs_out(app):
    make_user(app, "ana")
    client = app.test_client()
    assert client.get("/preferences").status_code == 302

    response = sign_in(client, "ana")
    assert response.status_code == 302
    assert client.get("/preferences").status_code == 200

    token = csrf_token(client, "/preferences")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/preferences").status_code == 302


def test_wrong_password_and_unknown_login_are_refused_alike(app):
    make_user(app, "ana")
    client = app.test_client()
    wrong = sign_in(client, "ana", "not the password")
    unknown = sign_in(client, "nobody", PASSWORD)
    assert wrong.status_code == unknown.status_code == 401
    assert client.get("/preferences").status_code == 302


def test_login_redirects_only_to_local_paths(app):
    make_user(app, "ana")
    client = app.test_client()
    token = csrf_token(client)
    response = client.post("/login?next=//evil.example/x",
                           data={"login": "ana", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]


def test_form_without_csrf_token_is_rejected(app):
    make_user(app, "ana")
    client = app.test_client()
    response = client.post("/login", data={"login": "ana", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/preferences").status_code == 302


def test_sixth_login_attempt_within_a_minute_gets_429(app):
    make_user(app, "ana")
    client = app.test_client()
    token = csrf_token(client)
    statuses = [client.post("/login", data={"login": "ana", "password": "wrong guess",
                                            "csrf_token": token}).status_code
                for _ in range(6)]
    assert statuses == [401] * 5 + [429]


def test_session_cookie_is_http_only_and_same_site_lax(app):
    make_user(app, "ana")
    client = app.test_client()
    response = sign_in(client, "ana")
    cookie = next(h for h in response.headers.getlist("Set-Cookie")
                  if h.startswith("kontora_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_when_served_over_https(make_app):
    app = make_app(KONTORA_BASE_URL="https://crm.example.com")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


def test_disabling_a_user_ends_their_session(app):
    user_id = make_user(app, "ana")
    client = app.test_client()
    sign_in(client, "ana")
    assert client.get("/preferences").status_code == 200
    with app.app_context(), kontora(app).db.unit() as s:
        s.get(User, user_id).active = False
    assert client.get("/preferences").status_code == 302
    assert sign_in(client, "ana").status_code == 401


def test_preferences_save_language_and_time_zone_and_refuse_unknown_ones(app):
    user_id = make_user(app, "ana")
    client = app.test_client()
    sign_in(client, "ana")
    token = csrf_token(client, "/preferences")
    bad = client.post("/preferences", data={"language": "xx", "timezone": "Mars/Base",
                                            "csrf_token": token})
    assert bad.status_code == 422
    good = client.post("/preferences", data={"language": "ro", "timezone": "Europe/Sofia",
                                             "csrf_token": token})
    assert good.status_code == 302
    with app.app_context(), kontora(app).db.unit() as s:
        user = s.get(User, user_id)
        assert (user.language, user.timezone) == ("ro", "Europe/Sofia")


def test_new_user_follows_the_browser_until_choosing_and_may_go_back_to_it(app):
    user_id = make_user(app, "ana")
    client = app.test_client()
    sign_in(client, "ana")
    page = client.get("/preferences").get_data(as_text=True)
    assert '<option value="" selected>Browser language</option>' in page
    token = csrf_token(client, "/preferences")
    client.post("/preferences", data={"language": "bg", "timezone": "UTC", "csrf_token": token})
    assert '<option value="bg" selected>' in client.get("/preferences").get_data(as_text=True)
    back = client.post("/preferences", data={"language": "", "timezone": "UTC",
                                             "csrf_token": token})
    assert back.status_code == 302
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.get(User, user_id).language is None


def test_changing_ones_password_keeps_this_session_and_ends_the_others(app):
    make_user(app, "ana")
    here, elsewhere = app.test_client(), app.test_client()
    sign_in(here, "ana")
    sign_in(elsewhere, "ana")
    token = csrf_token(here, "/preferences")
    wrong = here.post("/password/change", data={"current": "not it", "password": "new secret 123",
                                                "confirm": "new secret 123", "csrf_token": token})
    assert wrong.status_code == 422
    changed = here.post("/password/change", data={"current": PASSWORD,
                                                  "password": "new secret 123",
                                                  "confirm": "new secret 123",
                                                  "csrf_token": token})
    assert changed.status_code == 302
    assert here.get("/preferences").status_code == 200
    assert elsewhere.get("/preferences").status_code == 302


def test_preferences_service_validates_and_saves(app) -> None:
    import pytest as _pytest

    from core.errors import ValidationError
    from core.identity.models import User
    from core.identity.users import set_preferences
    from core.kernel import kontora
    from tests.core.api.support import make_user, principal_of

    with app.app_context(), kontora(app).db.unit() as s:
        user = make_user("pref", [], "own")
        who = principal_of(user)
        with _pytest.raises(ValidationError) as caught:
            set_preferences(who, {"language": "fr", "timezone": "Mars/Base"})
        assert set(caught.value.fields) == {"language", "timezone"}
        set_preferences(who, {"language": "bg", "timezone": "Europe/Sofia"})
        set_preferences(who, {"language": ""})  # back to the browser's language
        saved = s.get(User, user.id)
        assert (saved.language, saved.timezone) == (None, "Europe/Sofia")


def test_failed_logins_count_per_account_whatever_name_is_typed(app):
    make_user(app, "ro", email="ro@x.test")
    make_user(app, "ana")
    client = app.test_client()
    token = csrf_token(client)
    names = ["ro", "ro@x.test", "RO", " Ro@X.test ", "ro", "ro@x.test"]
    statuses = [client.post("/login", data={"login": name, "password": "wrong guess",
                                            "csrf_token": token}).status_code
                for name in names]
    assert statuses == [401] * 5 + [429]
    # the account is held for the minute even with its right password, from anywhere
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "10.9.8.7"
    assert sign_in(elsewhere, "RO").status_code == 429
    assert sign_in(elsewhere, "ana").status_code == 302  # other accounts are not held


def test_a_successful_login_does_not_count_against_the_account(app):
    make_user(app, "ro", email="ro@x.test")
    for n in range(6):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.1.1.{n + 1}"
        assert sign_in(client, "ro@x.test" if n % 2 else "ro").status_code == 302
