"""Named signals on blinker: plugins announce facts, others react without importing them.

Each application has one :class:`Events` namespace. The announcing plugin declares its
signals with a docstring (``events.declare``); listeners connect by name. ``announce``
delivers after the current transaction commits, so a rolled-back transaction announces
nothing; ``send_now`` is for facts outside any transaction (the app has started).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from blinker import NamedSignal, Namespace

from core.db.session import after_commit, current_session


class Events:
    """The signal namespace of one application."""

    def __init__(self) -> None:
        self._namespace = Namespace()
        self.declared: dict[str, str] = {}

    def declare(self, name: str, doc: str) -> NamedSignal:
        """Declare signal ``name`` (``"<plugin>.<fact>"``) with the docstring listeners read."""
        if "." not in name:
            raise ValueError(f"signal {name!r} must be named '<plugin>.<fact>'")
        self.declared[name] = doc
        return self.signal(name)

    def signal(self, name: str) -> NamedSignal:
        """The signal called ``name``; connecting to one nobody declared is allowed (no-op)."""
        return self._namespace.signal(name)

    def connect(self, name: str, receiver: Callable[..., Any]) -> None:
        """Connect ``receiver(sender, **kwargs)`` to ``name``; held strongly, for the app's life."""
        self.signal(name).connect(receiver, weak=False)

    def announce(self, name: str, sender: Any, **kwargs: Any) -> None:
        """Send ``name`` once the current transaction commits; never for a rolled-back one."""
        if name not in self.declared:
            raise KeyError(f"signal {name!r} is not declared by any enabled plugin")
        sess = current_session()
        if sess is None:
            raise RuntimeError(f"announce({name!r}) outside a unit of work; use send_now")
        after_commit(functools.partial(self.signal(name).send, sender, **kwargs), sess)

    def send_now(self, name: str, sender: Any, **kwargs: Any) -> list:
        """Send ``name`` immediately (facts that are not part of a transaction)."""
        return self.signal(name).send(sender, **kwargs)
