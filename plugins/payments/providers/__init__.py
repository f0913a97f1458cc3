"""Card payment providers: each begins a checkout and turns its notifications into
confirmations; :mod:`plugins.payments.services.online` books them.

``KONTORA_PAYMENTS_PROVIDER`` picks one (``stripe``, ``demo`` or ``none``). Unset, it is
``stripe`` when ``KONTORA_STRIPE_SECRET_KEY`` is set, ``demo`` on the embedded default
(SQLite) and ``none`` otherwise, so a production install never offers the test card.
"""

from __future__ import annotations

import os
from typing import Any, Protocol

from core.kernel import kontora
from plugins.payments.providers.demo import DemoProvider
from plugins.payments.providers.stripe import StripeProvider


class Provider(Protocol):
    code: str
    label: Any

    def begin(self, checkout: Any) -> str:
        """The address where the client pays ``checkout``."""
        ...


PROVIDERS: dict[str, type] = {"demo": DemoProvider, "stripe": StripeProvider}


def active_provider() -> Provider | None:
    name = os.environ.get("KONTORA_PAYMENTS_PROVIDER")
    if name is None:
        if os.environ.get("KONTORA_STRIPE_SECRET_KEY"):
            name = "stripe"
        elif kontora().settings.database_url.startswith("sqlite"):
            name = "demo"
    if name == "stripe" and not os.environ.get("KONTORA_STRIPE_SECRET_KEY"):
        return None  # named but not set up: offer nothing rather than fail at the client
    cls = PROVIDERS.get(name or "none")
    return cls() if cls is not None else None


__all__ = ["PROVIDERS", "Provider", "active_provider"]
