"""Fixtures of the mailbox tests: a real Dovecot and a fresh mailbox per test
(``tests/fixtures/dovecot.py``), an app reading it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from core.jobs.runner import run_job
from core.kernel import kontora
from plugins.leads.mailbox.jobs import JOB
from plugins.leads.seed import seed_defaults
from tests.fixtures.dovecot import Mailbox, dovecot_server, mailbox  # noqa: F401  (fixtures)


@pytest.fixture
def mail_app(make_app: Callable[..., Any],
             mailbox: Mailbox) -> Iterator[Any]:  # noqa: F811
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
