"""Which language and time zone a request gets: preference, session choice, browser, setting."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask_babel import get_locale, get_timezone

from core.i18n import force_locale
from core.identity.models import User
from core.identity.users import create_user
from core.kernel import kontora

PASSWORD = "correct horse battery staple"


@pytest.fixture
def app(make_app) -> Flask:
    """The sample app with a probe route; CSRF is D's concern and tested there."""
    app = make_app(plugins="sample", KONTORA_LANGUAGE="bg", KONTORA_TIMEZONE="Europe/Sofia")
    app.config["WTF_CSRF_ENABLED"] = False

    @app.get("/_i18n_probe")
    def probe() -> dict[str, str]:
        return {"language": str(get_locale()), "timezone": str(get_timezone())}

    return app


def probe(client: Any, **headers: str) -> dict[str, str]:
    return client.get("/_i18n_probe", headers=headers).get_json()


def add_user(app: Flask, login: str, language: str | None,
             timezone: str = "Asia/Tokyo") -> None:
    with kontora(app).db.unit():
        user = create_user(login, login.title(), password=PASSWORD)
        user.language, user.timezone = language, timezone


def sign_in(client: Any, login: str) -> None:
    response = client.post("/login", data={"login": login, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)


def test_setting_is_the_last_resort(app: Flask) -> None:
    assert probe(app.test_client()) == {"language": "bg", "timezone": "Europe/Sofia"}


def test_accept_language_beats_the_setting(app: Flask) -> None:
    client = app.test_client()
    assert probe(client, **{"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"})["language"] == "ru"
    assert probe(client, **{"Accept-Language": "de-DE,de;q=0.9"})["language"] == "bg"


def test_switcher_choice_beats_accept_language(app: Flask) -> None:
    client = app.test_client()
    response = client.post("/i18n/language", data={"language": "ro", "next": "/_i18n_probe"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/_i18n_probe"
    assert probe(client, **{"Accept-Language": "ru"})["language"] == "ro"


def test_user_preference_beats_session_choice_and_switching_saves_it(app: Flask) -> None:
    add_user(app, "ana", language="ru")
    client = app.test_client()
    client.post("/i18n/language", data={"language": "ro"})
    sign_in(client, "ana")
    assert probe(client, **{"Accept-Language": "bg"}) == {"language": "ru",
                                                          "timezone": "Asia/Tokyo"}

    client.post("/i18n/language", data={"language": "en"})
    assert probe(client)["language"] == "en"
    with kontora(app).db.unit() as s:
        assert s.query(User).filter_by(login="ana").one().language == "en"


def test_user_without_a_preference_follows_the_browser(app: Flask) -> None:
    add_user(app, "ana", language=None)
    client = app.test_client()
    sign_in(client, "ana")
    assert probe(client, **{"Accept-Language": "ro"})["language"] == "ro"
    assert probe(client)["language"] == "bg"  # no header: KONTORA_LANGUAGE


def test_forcing_no_language_means_the_setting(app: Flask) -> None:
    """A job writing to a user who follows their browser writes in KONTORA_LANGUAGE."""
    with app.test_request_context(headers={"Accept-Language": "ru"}):
        with force_locale(None):
            assert str(get_locale()) == "bg"
        with force_locale("ro"):
            assert str(get_locale()) == "ro"


def test_unknown_language_is_a_field_error(app: Flask) -> None:
    response = app.test_client().post("/i18n/language", data={"language": "xx"})
    assert response.status_code == 422


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil"])
def test_switcher_never_redirects_off_site(app: Flask, target: str) -> None:
    response = app.test_client().post("/i18n/language", data={"language": "ru", "next": target})
    assert response.headers["Location"] == "/"


def test_switcher_partial_lists_languages_and_marks_the_current_one(app: Flask) -> None:
    from flask import render_template

    with app.test_request_context("/somewhere?page=2", headers={"Accept-Language": "ro"}):
        html = render_template("i18n/_switcher.html")
    assert 'value="/somewhere?page=2"' in html
    for name in ("English", "Română", "Български", "Русский"):
        assert name in html
    assert 'value="ro" lang="ro"\n            aria-current="true"' in html
