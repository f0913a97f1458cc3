"""Background and periodic jobs of ``payments``."""

from __future__ import annotations

import logging

from plugins.payments.services.reminders import send_reminders

log = logging.getLogger(__name__)


def reminders() -> None:
    """Payment reminders (once a day)."""
    log.info("payment reminders sent: %s", send_reminders())
