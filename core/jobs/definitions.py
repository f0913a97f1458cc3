"""What a job is: a named callable from the ``kontora_jobs`` hook, its arguments, its retries."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

RETRY_ATTRIBUTE = "__kontora_retry__"


class JobError(ValueError):
    """A job cannot be enqueued or found as asked; the message says which and why."""


@dataclass(frozen=True)
class RetryPolicy:
    """How often a failing job runs again and how long it waits first.

    The n-th retry waits ``backoff * 2 ** (n - 1)`` seconds, in inline mode and on RQ alike.
    """

    max_retries: int = 3
    backoff: int = 30

    def __post_init__(self) -> None:
        if self.max_retries < 0 or self.backoff < 0:
            raise ValueError("max_retries and backoff must not be negative")

    def delay(self, retry_number: int) -> int:
        """Seconds to wait before retry ``retry_number`` (1 for the first retry)."""
        return self.backoff * 2 ** (retry_number - 1)

    def intervals(self) -> list[int]:
        """The waits before each retry, as RQ's ``Retry(interval=...)`` takes them."""
        return [self.delay(n) for n in range(1, self.max_retries + 1)]


DEFAULT_RETRY = RetryPolicy()


def retries(*, max_retries: int = 3, backoff: int = 30) -> Callable[[F], F]:
    """Give a job callable its own retry policy: ``@retries(max_retries=5, backoff=60)``."""
    policy = RetryPolicy(max_retries, backoff)

    def mark(func: F) -> F:
        setattr(func, RETRY_ATTRIBUTE, policy)
        return func

    return mark


def retry_policy(func: Callable[..., Any]) -> RetryPolicy:
    return getattr(func, RETRY_ATTRIBUTE, DEFAULT_RETRY)


def job_callable(jobs: Mapping[str, Callable[..., Any]], name: str) -> Callable[..., Any]:
    """The callable registered as ``name`` by an enabled plugin."""
    try:
        return jobs[name]
    except KeyError:
        known = ", ".join(sorted(jobs)) or "none"
        raise JobError(f"no enabled plugin provides a job named {name!r} (known: {known})") \
            from None


def check_kwargs(name: str, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """``kwargs`` if they survive a JSON round trip unchanged, so the job gets what was given.

    Tuples, dates, decimals and non-string keys would arrive changed or not at all, so they
    are refused here, where the caller can still fix them.
    """
    try:
        copied = json.loads(json.dumps(dict(kwargs), allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise JobError(f"arguments of job {name!r} must be JSON values: {exc}") from None
    if copied != dict(kwargs):
        raise JobError(
            f"arguments of job {name!r} must be plain JSON values (str, int, float, bool, None, "
            "lists and dicts with string keys); convert tuples, dates and decimals first"
        )
    return copied


def validate_jobs(jobs: Mapping[str, Any]) -> None:
    """Refuse job names that are not ``<plugin>.<name>`` and values that are not callable."""
    for name, func in jobs.items():
        plugin, _, short = name.partition(".")
        if not plugin or not short:
            raise JobError(f"job name {name!r} must be '<plugin>.<name>'")
        if not callable(func):
            raise JobError(f"job {name!r} is registered with {func!r}, which is not callable")
