"""Text no database stores (NUL, half a surrogate pair) answers 422 naming the field,
wherever it enters: an API JSON body, a web form, or a service called without a request."""

from __future__ import annotations

import pytest

from core.errors import ValidationError
from core.kernel import kontora
from core.services import create_record
from tests.core.api.support import bearer
from tests.core.api.support import make_user as api_user
from tests.core.identity.support import make_user, principal

LONE_SURROGATE = '{"title": "\\ud800 x", "amount": "1"}'  # JSON text: a lone escape


def test_a_lone_surrogate_in_api_json_is_refused_naming_the_field(app):
    with app.app_context(), kontora(app).db.unit():
        headers = bearer(api_user("ana", ["sample.read", "sample.write"]))
    answer = app.test_client().post("/api/v1/sample.note", data=LONE_SURROGATE,
                                    headers={**headers, "Content-Type": "application/json"})
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert list(answer.get_json()["fields"]) == ["title"]
    nested = app.test_client().post(
        "/api/v1/sample.note", headers={**headers, "Content-Type": "application/json"},
        data='{"title": "ok", "tags": [{"name": "\\udfff"}], "\\ud83d": 1}')
    assert nested.status_code == 422
    assert set(nested.get_json()["fields"]) == {"tags.0.name", "\\ud83d"}


def test_nul_in_a_web_form_is_refused_naming_the_field(app):
    answer = app.test_client().post("/login", data={"login": "ana\x00", "password": "x"})
    assert answer.status_code == 422
    assert "login" in answer.get_data(as_text=True)


def test_services_refuse_it_without_a_request(app):
    who = principal(app, make_user(app, "ana", roles=("salesperson",)))
    with app.app_context(), kontora(app).db.unit():
        with pytest.raises(ValidationError) as caught:
            create_record(who, "sample.note", {"title": "\ud800 x"})
        assert list(caught.value.fields) == ["title"]
