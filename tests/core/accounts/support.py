"""Bearer tokens of the identity tests' users, for the account and administration API tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core.identity.tokens import create_token
from core.kernel import kontora
from tests.core.identity.support import principal


def bearer(app: Any, user_id: int, permissions: list[str] | None = None,
           expires_at: datetime | None = None) -> dict[str, str]:
    """Headers with a new token of ``user_id`` (every permission the user holds unless given)."""
    who = principal(app, user_id)
    wanted = permissions or sorted(who.grants)
    with app.test_request_context(), kontora(app).db.unit():
        _row, secret = create_token(who, "test", wanted, expires_at)
    return {"Authorization": f"Bearer {secret}"}
