"""Periodic jobs of ``invoicing``."""

from __future__ import annotations

import logging

from plugins.invoicing.services.schedules import run_schedules

log = logging.getLogger(__name__)


def bill_schedules() -> None:
    """Invoice the months of billing schedules that came due (daily; safe to run twice)."""
    log.info("invoicing schedules run: %s", run_schedules())
