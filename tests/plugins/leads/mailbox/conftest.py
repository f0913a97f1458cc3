"""Fixtures of the mailbox tests: a real Dovecot, a fresh mailbox per test, an app reading it.

Dovecot is started once per test run (about a second); each test gets a login of its own,
so no test sees another's messages. Without ``/usr/sbin/dovecot`` the tests are skipped
with the reason, except under ``CI=true``, where they fail: CI must run them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from core.jobs.runner import run_job
from core.kernel import kontora
from plugins.leads.mailbox.jobs import JOB
from plugins.leads.seed import seed_defaults
from tests.plugins.leads.mailbox.dovecot import BINARY, Dovecot


@dataclass
class Mailbox:
    server: Dovecot
    login: str

    @property
    def url(self) -> str:
        return self.server.url(self.login)

    def deliver(self, *messages: bytes) -> None:
        self.server.append(self.login, *messages)


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[Dovecot]:
    if not Path(BINARY).exists():
        reason = (f"{BINARY} is missing (Debian package dovecot-imapd; `make test` installs "
                  "it): the mailbox tests against a real IMAP server are skipped")
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        print(reason)
        pytest.skip(reason)
    server = Dovecot()
    try:
        server.start()
        yield server
    finally:
        server.stop()  # also when it failed to start: the process and temp dir go


@pytest.fixture
def mailbox(dovecot_server: Dovecot) -> Mailbox:
    return Mailbox(dovecot_server, dovecot_server.new_user())


@pytest.fixture
def mail_app(make_app: Callable[..., Any], mailbox: Mailbox) -> Iterator[Any]:
    """An app reading ``mailbox``, inside an app context, with the default pipeline."""
    app = make_app(KONTORA_MAILBOX_URL=mailbox.url)
    with app.app_context():
        with kontora(app).db.unit() as s:
            seed_defaults(s)
        yield app


@pytest.fixture
def poll(mail_app: Any) -> Callable[[], None]:
    """Run the periodic job exactly as a worker does (its own unit of work)."""
    return lambda: run_job(mail_app, JOB, {})


@pytest.fixture
def unit(mail_app: Any) -> Callable[[], Any]:
    """``with unit() as session:`` — a committed unit of work on the mail app."""
    return lambda: kontora(mail_app).db.unit()
