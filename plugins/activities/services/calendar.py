"""Calendar-feed tokens: made, shown once, kept as SHA-256, regenerated or revoked.

The feed URL carries the token because calendar clients cannot sign in; whoever has the
URL sees the user's schedule, so it can be replaced or switched off at any time.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from sqlalchemy import delete, select

from core.db import session, utcnow
from core.identity.models import User
from core.services import service
from plugins.activities.models import CalendarToken


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@service("activities.read")
def regenerate_token(principal: Any) -> str:
    """A new feed token for the principal (the old URL stops working); returns it once."""
    token = secrets.token_urlsafe(32)
    row = session().scalar(select(CalendarToken).where(CalendarToken.user_id == principal.user_id))
    if row is None:
        row = CalendarToken(user_id=principal.user_id)
        session().add(row)
    row.token_hash, row.last_used_at = digest(token), None
    session().flush()
    return token


@service("activities.read")
def revoke_token(principal: Any) -> bool:
    """Switch the principal's feed off; returns whether there was one."""
    result = session().execute(delete(CalendarToken)
                               .where(CalendarToken.user_id == principal.user_id))
    return bool(result.rowcount)


def token_of(user_id: int) -> CalendarToken | None:
    return session().scalar(select(CalendarToken).where(CalendarToken.user_id == user_id))


def user_for_token(token: str) -> User | None:
    """The active user whose feed ``token`` opens, or ``None`` (unknown, revoked, disabled)."""
    if not token or len(token) > 100:
        return None
    row = session().scalar(select(CalendarToken)
                           .where(CalendarToken.token_hash == digest(token)))
    if row is None:
        return None
    user = session().get(User, row.user_id)
    if user is None or not user.active:
        return None
    row.last_used_at = utcnow()
    return user
