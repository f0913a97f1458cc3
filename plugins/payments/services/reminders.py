"""Payment reminders: a daily run e-mails the client of each invoice with something open,
once per step of the schedule, until it is paid.

The schedule is ``KONTORA_PAYMENT_REMINDER_DAYS``, days relative to the due date (default
``-3,0,7,30``: three days before, on the day, a week and a month after). A row in
``payments_reminder`` (unique per document and step) is written first, in a savepoint, so a
second run or a second worker sends nothing twice. When several steps are crossed at once
(the plugin enabled late) one reminder goes out, for the latest, and every crossed step is
marked. A paid invoice is never reminded.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.db import session, utcnow
from core.kernel import kontora
from core.mail import send_mail
from plugins.parties.models import Client
from plugins.payments.models import ReminderSent
from plugins.payments.services.allocation import allocated_to, owed

DEFAULT_DAYS = "-3,0,7,30"
KINDS = ("invoicing.invoice",)


def schedule() -> list[int]:
    """The steps, earliest first; a malformed setting falls back to the default."""
    text = os.environ.get("KONTORA_PAYMENT_REMINDER_DAYS", DEFAULT_DAYS)
    try:
        return sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        return sorted(int(part) for part in DEFAULT_DAYS.split(","))


def today_local() -> date:
    return utcnow().astimezone(ZoneInfo(kontora().settings.timezone)).date()


def send_reminders(today: date | None = None) -> int:
    """Remind what is due; returns how many e-mails went out."""
    today = today or today_local()
    steps = schedule()
    if not steps:
        return 0
    sent = 0
    for kind in KINDS:
        rk = kontora().kinds.get(kind)
        if rk is None:
            continue
        model = rk.model
        window = select(model.id).where(model.due_date.is_not(None),
                                        model.due_date <= today - timedelta(days=steps[0]),
                                        model.due_date >= today - timedelta(days=steps[-1] + 366))
        for record_id in session().scalars(window.order_by(model.id)).all():
            sent += _remind(kind, session().get(model, record_id), today, steps)
    return sent


def _remind(kind: str, record: Any, today: date, steps: list[int]) -> int:
    info = owed(kind, record.id)
    if info is None or info["due_date"] is None:
        return 0
    open_now = info["total"] - allocated_to(kind, record.id)
    client = session().get(Client, record.party_id)
    if open_now <= 0 or client is None or not client.email:
        return 0
    late = (today - info["due_date"]).days
    crossed = [step for step in steps if step <= late]
    fresh = []
    for step in crossed:
        try:
            with session().begin_nested():
                session().add(ReminderSent(record_kind=kind, record_id=record.id, step=step,
                                           sent_to=client.email))
            fresh.append(step)
        except IntegrityError:
            continue
    if not fresh or max(fresh) != max(crossed):
        return 0
    rk = kontora().kinds[kind]
    send_mail(client.email, template="payments/reminder",
              language=getattr(record, "language", None),
              context={"client": client.name, "document": rk.title_of(record),
                       "open": open_now, "currency": info["currency"],
                       "due_date": info["due_date"], "days": late},
              record=(kind, record.id))
    return 1
