"""The local Redis and a private RQ queue, for the identity tests that run in Redis mode."""

from tests.core.jobs.conftest import queue_name, redis_url

__all__ = ["queue_name", "redis_url"]
