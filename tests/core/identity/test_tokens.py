"""API tokens: shown once, stored hashed, scoped, expiring and revocable."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from core.db import utcnow
from core.errors import ValidationError
from core.identity.models import ApiToken, User
from core.identity.tokens import create_token, revoke_token
from core.kernel import kontora
from tests.core.identity.support import csrf_token, make_user, principal, sign_in


def _token(app, user_id: int, permissions: list[str], expires_at=None) -> str:
    who = principal(app, user_id)
    with app.test_request_context(), kontora(app).db.unit():
        _row, secret = create_token(who, "test", permissions, expires_at)
    return secret


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_token_is_shown_once_and_only_its_hash_is_stored(app):
    make_user(app, "ana", roles=("salesperson",))
    client = app.test_client()
    sign_in(client, "ana")
    token = csrf_token(client, "/tokens")
    page = client.post("/tokens", data={"name": "laptop", "permissions": ["sample.read"],
                                        "csrf_token": token}).get_data(as_text=True)
    secret = re.search(r"kt_[0-9a-f]{16}_[\w-]{20,}", page).group(0)
    assert secret not in client.get("/tokens").get_data(as_text=True)

    with kontora(app).db.engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM core_api_token")).all()
    assert len(rows) == 1
    stored = " ".join(str(value) for value in rows[0])
    assert secret not in stored
    assert secret[len("kt_") + 17:] not in stored  # kt_<16 hex lookup>_<secret>
    assert hashlib.sha256(secret.encode()).hexdigest() in stored


def test_token_acts_within_its_scopes_and_needs_no_csrf(app):
    user_id = make_user(app, "ana", roles=("salesperson",))
    reader = _token(app, user_id, ["sample.read"])
    writer = _token(app, user_id, ["sample.read", "sample.write"])
    client = app.test_client()

    assert client.get("/api/v1/sample.note", headers=_bearer(reader)).status_code == 200
    assert client.post("/api/v1/sample.note", json={"title": "x"},
                       headers=_bearer(reader)).status_code == 403
    assert client.post("/api/v1/sample.note", json={"title": "x"},
                       headers=_bearer(writer)).status_code == 201


def test_token_loses_what_its_user_loses(app):
    user_id = make_user(app, "ana", roles=("salesperson",))
    secret = _token(app, user_id, ["sample.read"])
    with app.app_context(), kontora(app).db.unit() as s:
        s.get(User, user_id).roles = []
    assert app.test_client().get("/api/v1/sample.note",
                                 headers=_bearer(secret)).status_code == 403
    with app.app_context(), kontora(app).db.unit() as s:
        s.get(User, user_id).active = False
    assert app.test_client().get("/api/v1/sample.note",
                                 headers=_bearer(secret)).status_code == 401


def test_revoked_expired_and_forged_tokens_are_refused(app):
    user_id = make_user(app, "ana", roles=("salesperson",))
    revoked = _token(app, user_id, ["sample.read"])
    expiring = _token(app, user_id, ["sample.read"], expires_at=utcnow() + timedelta(hours=1))
    who = principal(app, user_id)
    with app.test_request_context(), kontora(app).db.unit() as s:
        first, second = s.scalars(select(ApiToken).order_by(ApiToken.id)).all()
        revoke_token(who, first.id)
        second.expires_at = utcnow() - timedelta(seconds=1)
    client = app.test_client()
    forged = revoked[:-4] + ("aaaa" if not revoked.endswith("aaaa") else "bbbb")
    for secret in (revoked, expiring, forged, "kt_0000000000000000_nothing", "garbage"):
        assert client.get("/api/v1/sample.note", headers=_bearer(secret)).status_code == 401


def test_a_token_cannot_carry_a_permission_its_user_lacks(app):
    user_id = make_user(app, "ana", roles=("accountant",))
    who = principal(app, user_id)
    with app.test_request_context(), kontora(app).db.unit(), pytest.raises(
            ValidationError) as caught:
        create_token(who, "too much", ["sample.write"], None)
    assert "permissions" in caught.value.fields


def test_signed_in_api_calls_must_send_the_csrf_header(app):
    make_user(app, "ana", roles=("salesperson",))
    client = app.test_client()
    sign_in(client, "ana")
    token = csrf_token(client, "/preferences")
    assert client.post("/api/v1/sample.note", json={"title": "x"}).status_code == 400
    assert client.post("/api/v1/sample.note", json={"title": "x"},
                       headers={"X-CSRFToken": token}).status_code == 201
