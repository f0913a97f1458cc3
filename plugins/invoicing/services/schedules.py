"""Billing schedules: set and stop them, and the daily run that invoices each due month once.

A schedule names its source (a contract) by record kind and id and reads it only through
the document-content protocol, so ``invoicing`` never imports ``contracts``. The run inserts
the period's :class:`BillingRun` row first, in a savepoint: a second or concurrent run hits
the unique (schedule, period) pair and skips that period, so each month is invoiced once.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date
from typing import Any

from babel.dates import format_date
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.conversions import get_conversion, read_content
from core.conversions.models import DocumentLink
from core.db import session
from core.errors import KontoraError, NotFound
from core.i18n import force_locale
from core.i18n import gettext as _
from core.identity.users import principal_for
from core.jobs import clock
from core.kernel import kontora
from core.permissions import require
from core.services import get_record, lock_record, service, validate
from plugins.invoicing.conversions import INVOICE, invoice_from
from plugins.invoicing.models import BillingRun, BillingSchedule
from plugins.invoicing.schedule_schemas import ScheduleSchema
from plugins.invoicing.services.documents import check_series
from plugins.invoicing.services.issuing import issue_invoice

log = logging.getLogger(__name__)

ACTIVE = "active"
"""The status (``<plugin>.status`` in the content's extra) a source must have to be billed."""


def schedule_of(kind: str, record_id: int) -> BillingSchedule | None:
    return session().scalars(select(BillingSchedule).where(
        BillingSchedule.source_kind == kind, BillingSchedule.source_id == record_id)).first()


def _source(principal: Any, kind: str, record_id: int) -> None:
    """404 unless ``kind`` converts into invoices and ``principal`` sees the record."""
    if get_conversion(kind, INVOICE) is None:
        raise NotFound(_("%(kind)s cannot be converted into %(target)s.", kind=kind,
                         target=INVOICE))
    get_record(principal, kind, record_id)


@service("invoicing.convert")
def set_schedule(principal: Any, kind: str, record_id: int, data: Any) -> BillingSchedule:
    """Create or replace the record's schedule (and start it again if it was stopped)."""
    values = validate(ScheduleSchema(), data)
    _source(principal, kind, record_id)
    if values["issue"]:
        require(principal, "invoicing.issue")  # the job issues as this user
    if values["series"]:
        values["series"] = check_series(values["series"], INVOICE)
    lock_record(kontora().kinds[kind].model, record_id)  # a second click waits, then updates
    schedule = schedule_of(kind, record_id)
    if schedule is None:
        schedule = BillingSchedule(source_kind=kind, source_id=record_id)
        session().add(schedule)
    for key, value in values.items():
        setattr(schedule, key, value)
    schedule.active, schedule.set_by_id = True, principal.user_id  # the job acts as them
    session().flush()
    return schedule


@service("invoicing.read")
def read_schedule(principal: Any, kind: str, record_id: int) -> BillingSchedule:
    """The record's schedule; 404 when it has none or ``principal`` cannot see the record."""
    _source(principal, kind, record_id)
    schedule = schedule_of(kind, record_id)
    if schedule is None:
        raise NotFound(_("This record has no billing schedule."))
    return schedule


@service("invoicing.convert")
def stop_schedule(principal: Any, kind: str, record_id: int) -> BillingSchedule:
    """No further invoices from this record; those made stay."""
    schedule = lock_record(BillingSchedule, read_schedule(principal, kind, record_id).id)
    schedule.active = False
    return schedule


def due_periods(schedule: BillingSchedule, today: date) -> list[date]:
    """First days of the months whose billing day has come by ``today``, from the start
    date's month, none after the end date."""
    periods = []
    month = schedule.start_date.replace(day=1)
    while True:
        billing_day = month.replace(day=schedule.day_of_month)
        if billing_day > today or (schedule.end_date and month > schedule.end_date):
            return periods
        if billing_day >= schedule.start_date or month == schedule.start_date.replace(day=1):
            periods.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def run_schedules(today: date | None = None) -> dict[str, int]:
    """Invoice every due, not yet invoiced period of every active schedule; returns counts.

    Each schedule runs in a savepoint: one that cannot be billed (its contract or its user
    deleted, a line the invoice refuses) is logged and counted as failed, the others go on.
    """
    today = today or clock.today()
    counts = {"created": 0, "skipped": 0, "inactive": 0, "failed": 0}
    schedules = session().scalars(select(BillingSchedule).where(BillingSchedule.active)
                                  .order_by(BillingSchedule.id)).all()
    for schedule in schedules:
        periods = due_periods(schedule, today)
        if not periods:
            continue
        try:
            with session().begin_nested():
                outcome = _run(schedule, periods)
        except KontoraError as exc:
            log.warning("billing schedule %s not billed: %s", schedule.id, exc)
            counts["failed"] += 1
        else:
            for key, value in outcome.items():
                counts[key] += value
    return counts


def _run(schedule: BillingSchedule, periods: list[date]) -> Counter[str]:
    """Bill ``schedule``'s open periods; counts of created, skipped and inactive."""
    counts: Counter[str] = Counter()
    content = read_content(schedule.source_kind, schedule.source_id)
    status_key = f"{schedule.source_kind.split('.')[0]}.status"
    if (content.get("extra") or {}).get(status_key, ACTIVE) != ACTIVE:
        counts["inactive"] += 1
        return counts
    done = set(session().scalars(select(BillingRun.period_start).where(
        BillingRun.schedule_id == schedule.id)))
    for period in periods:
        if period in done:
            continue
        counts["created" if _bill(schedule, content, period) else "skipped"] += 1
    return counts


def _bill(schedule: BillingSchedule, content: dict[str, Any], period: date) -> bool:
    """Claim ``period`` and make its invoice; False when another run has claimed it."""
    try:
        with session().begin_nested():
            run = BillingRun(schedule_id=schedule.id, period_start=period)
            session().add(run)
            session().flush()
    except IntegrityError:
        return False
    principal = principal_for(schedule.set_by_id) if schedule.set_by_id else None
    if principal is None:
        raise NotFound(_("The user who set the billing schedule no longer exists."))
    invoice = invoice_from(principal, _period_content(schedule, content, period))
    if schedule.series:
        invoice.series = schedule.series
    session().add(DocumentLink(source_kind=schedule.source_kind, source_id=schedule.source_id,
                               target_kind=INVOICE, target_id=invoice.id,
                               created_by_id=principal.user_id))
    run.document_id = invoice.id
    if schedule.issue:
        issue_invoice(principal, invoice.id)
    return True


def _period_content(schedule: BillingSchedule, content: dict[str, Any],
                    period: date) -> dict[str, Any]:
    """The source's content with each line naming the month billed (or the one line of the
    schedule's amount), in the invoice's language."""
    language = (content.get("extra") or {}).get("invoicing.language") or "ro"
    with force_locale(language):
        month = format_date(period, "LLLL yyyy", locale=language)
        if schedule.amount is not None:
            lines = [{"product_id": None, "description": _("Services for %(month)s",
                                                            month=month),
                      "quantity": 1, "unit": None, "unit_price": schedule.amount,
                      "discount": 0, "vat_rate": schedule.vat_rate}]
        else:
            lines = [{**line, "description": _("Services for %(month)s: %(description)s",
                                               month=month,
                                               description=line["description"] or "—")}
                     for line in content["lines"]]
    return {**content, "lines": lines}
