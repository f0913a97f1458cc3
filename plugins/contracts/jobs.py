"""Background and periodic jobs of ``contracts``."""

from __future__ import annotations

import logging

from plugins.contracts.services import run_daily, seal

log = logging.getLogger(__name__)


def seal_document(kind: str, record_id: int, purpose: str) -> None:
    """Stamp and PAdES-sign a signed contract or protocol (after the signing commit)."""
    seal(kind, record_id, purpose)


def daily() -> None:
    """Expiry reminders, activation and expiry of contracts (once a day)."""
    log.info("contracts daily run: %s", run_daily())
