"""Per-account rate limits, beside the per-address and per-typed-name ones of the views.

A limit keyed by what was typed counts ``ro``, ``RO`` and ``ro@x.test`` apart although they
name one account; these count by account id once the name is resolved. They share the
application limiter's storage (Redis when configured, its in-memory fallback while Redis is
away); if that storage fails here, the attempt goes through: an outage must not refuse
service.
"""

from __future__ import annotations

import logging

from flask import current_app
from limits import parse
from redis.exceptions import RedisError

from core.identity import limiter

log = logging.getLogger(__name__)


def _key(scope: str, account_id: int) -> tuple[str, ...]:
    return (current_app.config["RATELIMIT_KEY_PREFIX"], scope, str(account_id))


def account_may_try(scope: str, limit: str, account_id: int) -> bool:
    """Whether ``account_id`` is still under ``limit`` (``"5 per minute"``) in ``scope``."""
    try:
        return limiter.limiter.test(parse(limit), *_key(scope, account_id))
    except RedisError:
        log.warning("rate-limit storage unreachable; %s not checked for account %s",
                    scope, account_id, exc_info=True)
        return True


def count_for_account(scope: str, limit: str, account_id: int) -> bool:
    """Count one attempt of ``account_id`` in ``scope``; false once over ``limit``."""
    try:
        return limiter.limiter.hit(parse(limit), *_key(scope, account_id))
    except RedisError:
        log.warning("rate-limit storage unreachable; %s not counted for account %s",
                    scope, account_id, exc_info=True)
        return True
