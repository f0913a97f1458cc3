"""The daily look at the register: expiry reminders, activation and expiry.

:func:`run_daily` takes ``today`` so tests (and a replay) control the clock. For each
signed or active contract with an end date it sends the owner one reminder per threshold
(``ContractSettings.reminder_days``, e.g. 30, 7 and 1 days before): a row in
``contracts_reminder`` (unique per contract, end date and threshold) is written first, in
a savepoint, so a second run or a second worker sends nothing twice. When several
thresholds are crossed at once (a contract entered 5 days before its end) one reminder
goes out and every crossed threshold is marked. A signed contract whose start date came
becomes active; one whose end date passed becomes expired.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.db import session, utcnow
from core.i18n import format_date
from core.i18n import gettext as _
from core.kernel import kontora
from core.permissions import require, scope
from core.services import announce, service, validate
from plugins.contracts.models import Contract, ContractSettings, ReminderSent
from plugins.contracts.models.reminder import DEFAULT_REMINDER_DAYS
from plugins.contracts.schemas import SettingsSchema
from plugins.contracts.services.common import CONTRACT, tell_owner
from plugins.contracts.services.transitions import move
from plugins.contracts.workflow import RUNNING


def settings() -> ContractSettings:
    """The installation's settings (defaults until an admin saves them)."""
    return session().get(ContractSettings, 1) or ContractSettings(
        id=1, reminder_days=DEFAULT_REMINDER_DAYS)


def thresholds() -> list[int]:
    """Reminder thresholds in days, largest first."""
    return parse_days(settings().reminder_days)


def parse_days(text: str) -> list[int]:
    return sorted({int(part) for part in text.split(",") if part.strip()}, reverse=True)


@service("contracts.configure")
def update_settings(principal: Any, data: Any) -> ContractSettings:
    values = validate(SettingsSchema(), data)
    row = session().get(ContractSettings, 1)
    if row is None:
        row = ContractSettings(id=1)
        session().add(row)
    row.reminder_days = ",".join(str(d) for d in parse_days(values["reminder_days"]))
    session().flush()
    return row


def today_local() -> date:
    """Today in ``KONTORA_TIMEZONE`` (the register's day)."""
    return utcnow().astimezone(ZoneInfo(kontora().settings.timezone)).date()


def run_daily(today: date | None = None) -> dict[str, int]:
    """Remind, activate and expire; returns how many of each (for the log and tests)."""
    today = today or today_local()
    counts = {"reminded": 0, "activated": 0, "expired": 0}
    days = thresholds()
    contracts = session().scalars(select(Contract).where(Contract.status.in_(RUNNING))
                                  .order_by(Contract.id)).all()
    system = _("Kontora")
    for contract in contracts:
        if contract.end_date is not None and contract.end_date < today:
            move(contract, "expire", actor_id=None, actor=system)
            counts["expired"] += 1
            continue
        if contract.status == "signed" and contract.start_date is not None and \
                contract.start_date <= today:
            move(contract, "activate", actor_id=None, actor=system)
            counts["activated"] += 1
        if contract.end_date is not None and _remind(contract, today, days):
            counts["reminded"] += 1
    return counts


def _remind(contract: Contract, today: date, days: list[int]) -> bool:
    left = (contract.end_date - today).days
    crossed = [d for d in days if left <= d]
    if not crossed:
        return False
    fresh = []
    for threshold in crossed:
        try:
            with session().begin_nested():
                session().add(ReminderSent(contract_id=contract.id, days=threshold,
                                           end_date=contract.end_date, sent_at=utcnow()))
            fresh.append(threshold)
        except IntegrityError:
            continue
    if not fresh:
        return False
    end = contract.end_date
    tell_owner(CONTRACT, contract, None,
               lambda: _("Contract %(contract)s with %(client)s expires on %(date)s "
                         "(in %(days)s days).", contract=contract.label,
                         client=contract.party.name, date=format_date(end), days=left),
               template="contracts/expiring",
               context={"days": left, "end_date": end, "client": contract.party.name})
    announce("contracts.contract-expiring", contract.id, end_date=end.isoformat(),
             days=min(fresh))
    return True


def expiring(principal: Any, within_days: int, today: date | None = None) -> list[Contract]:
    """Signed or active contracts readable by ``principal`` that end within ``within_days``."""
    require(principal, "contracts.read")
    today = today or today_local()
    stmt = select(Contract).where(Contract.status.in_(RUNNING),
                                  Contract.end_date.is_not(None),
                                  Contract.end_date >= today,
                                  Contract.end_date <= today + timedelta(days=within_days)
                                  ).order_by(Contract.end_date, Contract.id)
    return list(session().scalars(scope(stmt, Contract, principal)))
