"""One value per document render: what several merge tags read is read once.

Merge tags are plain functions of the record (``client.name``, ``client.tax_id`` ...), each
evaluated on its own. When several derive from the same rows, they ask through :func:`once`
and the first computes while the others reuse it until the render ends. Without the memo an
object read by ``session().get`` and dropped again is let go by the session (its identity
map holds objects weakly), and the next tag reads it from the database again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("kontora_document_memo",
                                                           default=None)


@contextmanager
def document_memo() -> Iterator[None]:
    """Within, :func:`once` computes each key once; a nested render shares the outer memo."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def once(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, computed once per render for ``key`` (every time outside a render)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
