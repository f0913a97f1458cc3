"""Setting up the mailboxes to read, and asking for a fetch now (``leads.mailbox.admin``).

Mailboxes come from two places that add up: ``KONTORA_MAILBOX_URL`` (one folder, for
installs configured by environment only) and the mailboxes an administrator sets up here,
each with several folders. Passwords stay in the environment either way: an account names
the variable that holds its password (see :class:`..models.MailboxAccount`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.errors import NotFound, ValidationError
from core.i18n import gettext as _
from core.jobs import enqueue
from core.permissions import require
from core.services import service, validate
from plugins.leads.mailbox.jobs import JOB
from plugins.leads.mailbox.models import MailboxAccount, MailboxState
from plugins.leads.mailbox.schemas import MailboxAccountSchema
from plugins.leads.mailbox.services import ADMIN, READ

DEFAULT_PORTS = {"tls": 993, "starttls": 143, "none": 143}


def list_accounts(principal: Any) -> list[MailboxAccount]:
    require(principal, ADMIN)
    return list(session().scalars(select(MailboxAccount).order_by(MailboxAccount.name)))


def get_account(principal: Any, account_id: int) -> MailboxAccount:
    require(principal, ADMIN)
    account = session().get(MailboxAccount, account_id)
    if account is None:
        raise NotFound(_("There is no such mailbox."))
    return account


@service(ADMIN)
def create_account(principal: Any, data: Any) -> MailboxAccount:
    """Set up a mailbox to read."""
    values = _values(validate(MailboxAccountSchema(), data))
    _unique_name(values["name"], None)
    account = MailboxAccount(**values)
    session().add(account)
    session().flush()
    return account


@service(ADMIN)
def update_account(principal: Any, account_id: int, data: Any) -> MailboxAccount:
    """Change a mailbox; only the fields given change."""
    account = get_account(principal, account_id)
    values = validate(MailboxAccountSchema(), data, partial=True)
    if "security" in values and "port" not in values:
        values["port"] = None
    values = _values(values, account)
    if "name" in values:
        _unique_name(values["name"], account.id)
    for name, value in values.items():
        setattr(account, name, value)
    session().flush()
    return account


@service(ADMIN)
def delete_account(principal: Any, account_id: int) -> None:
    """Stop reading a mailbox; what was read from it stays in the inbox."""
    session().delete(get_account(principal, account_id))
    session().flush()


@service(ADMIN)
def request_fetch(principal: Any) -> int:
    """Read every mailbox now (the periodic job, enqueued); returns the job's outbox id."""
    return enqueue(JOB)


def fetch_states(principal: Any) -> list[MailboxState]:
    """Each folder's last fetch: when, and how many imported, quarantined and failed."""
    require(principal, READ)
    return list(session().scalars(select(MailboxState).order_by(MailboxState.folder)))


def _values(values: dict[str, Any], account: MailboxAccount | None = None) -> dict[str, Any]:
    """Validated fields made ready to store: trimmed, folders once each, a default port."""
    for name in ("name", "host", "username"):
        if name in values:
            values[name] = values[name].strip()
    blank = sorted(name for name in ("name", "username") if values.get(name) == "")
    if blank:  # only spaces (or other blanks) given: stored trimmed it would be nameless
        raise ValidationError(_("Some fields are not valid."), fields={
            name: [_("Please fill this in.")] for name in blank})
    if "folders" in values:
        folders = list(dict.fromkeys(f.strip() for f in values["folders"] if f.strip()))
        if not folders:
            raise ValidationError(_("Some fields are not valid."), fields={
                "folders": [_("Name at least one folder, such as INBOX.")]})
        values["folders"] = folders
    if "port" in values and values["port"] is None:
        security = values.get("security") or (account.security if account else "tls")
        values["port"] = DEFAULT_PORTS[security]
    return values


def _unique_name(name: str, own_id: int | None) -> None:
    found = session().scalar(select(MailboxAccount.id).where(MailboxAccount.name == name))
    if found is not None and found != own_id:
        raise ValidationError(_("Some fields are not valid."), fields={
            "name": [_("Another mailbox has this name.")]})
