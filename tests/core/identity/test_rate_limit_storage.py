"""Redis down must not lock everybody out: rate limits fall back to a per-process count.

The limiter is pointed at a real port where nothing listens (no mock): every public
endpoint behind a limit still answers, and the limit itself still holds.
"""

from __future__ import annotations

import logging
import socket

import pytest

from core.kernel import kontora
from plugins.leads.seed import seed_defaults
from plugins.leads.services.webforms import save_form
from tests.core.identity.support import PASSWORD, csrf_token, make_user
from tests.plugins.leads.conftest import MANAGER, as_staff
from tests.plugins.leads.conftest import make_user as make_leads_user


def _closed_port() -> int:
    """A local port nothing listens on (bound once to pick it, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down_app(make_app):
    app = make_app(KONTORA_REDIS_URL=f"redis://127.0.0.1:{_closed_port()}/0")
    yield app
    from core.identity import limiter
    limiter._storage_dead = False  # the limiter is shared by every app of the process


def test_sign_in_works_and_is_still_limited_when_redis_is_down(redis_down_app, caplog):
    app = redis_down_app
    make_user(app, "ana")
    make_user(app, "ben")
    client = app.test_client()
    token = csrf_token(client)
    with caplog.at_level(logging.WARNING):
        signed = client.post("/login", data={"login": "ana", "password": PASSWORD,
                                             "csrf_token": token})
    assert signed.status_code == 302
    assert any("in-memory" in r.getMessage() for r in caplog.records)

    other = app.test_client()
    token = csrf_token(other)
    statuses = [other.post("/login", data={"login": "ben", "password": "wrong guess",
                                           "csrf_token": token}).status_code
                for _ in range(6)]
    assert statuses == [401] * 5 + [429]


def test_public_endpoints_answer_when_redis_is_down(redis_down_app):
    app = redis_down_app
    make_user(app, "ana", email="ana@example.com")
    client = app.test_client()
    forgot = client.post("/password/forgot", data={"login": "ana",
                                                   "csrf_token": csrf_token(client)})
    assert forgot.status_code == 200
    assert client.get("/l/not-a-real-token").status_code in (400, 404, 410)

    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        ann = make_leads_user("ann", MANAGER, email="ann@example.com")
        key = save_form(as_staff(ann), {
            "name": "Contact us", "allowed_origins": "https://www.alfa.ro\n",
            "fields": [{"name": "person_name", "required": True, "labels": {}},
                       {"name": "email", "required": True, "labels": {}}]}).key
    sent = client.post(f"/api/v1/leads/forms/{key}",
                       json={"person_name": "Ion", "email": "ion@alfa.ro"},
                       headers={"Origin": "https://www.alfa.ro"})
    assert sent.status_code < 300
