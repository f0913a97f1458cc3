"""The "Billing schedule" tab invoicing adds to a contract's page (``kontora_record_panels``),
so the contract's owner never imports invoicing."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import render_template
from sqlalchemy import select

from core.db import session
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from plugins.invoicing.conversions import CONTRACT
from plugins.invoicing.models import BillingRun
from plugins.invoicing.services.schedules import schedule_of


def schedule_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    principal = current_principal()
    if kind != CONTRACT or principal is None or not principal.has("invoicing.read"):
        return []
    return [{"key": "billing-schedule", "title": _l("Billing schedule"), "order": 30,
             "render": partial(_render, principal, record_id)}]


def _render(principal: Any, record_id: int) -> str:
    schedule = schedule_of(CONTRACT, record_id)
    runs = [] if schedule is None else session().scalars(
        select(BillingRun).where(BillingRun.schedule_id == schedule.id)
        .order_by(BillingRun.period_start.desc()).limit(24)).all()
    return render_template("invoicing/_schedule.html", schedule=schedule, runs=runs,
                           record_id=record_id, can_write=principal.has("invoicing.convert"))

