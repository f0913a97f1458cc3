"""Mail in Redis mode: a real ``kontora worker --burst`` process sends it (or records why not)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from core.kernel import kontora
from core.mail import MailMessage
from tests.core.jobs.conftest import ROOT, queue_name, redis_url  # noqa: F401  (fixtures)
from tests.core.mail.conftest import load, send

pytestmark = pytest.mark.redis


@pytest.fixture
def rq_mail_app(make_app, smtp_inbox, redis_url, queue_name):  # noqa: F811
    return make_app(KONTORA_SMTP_URL=smtp_inbox.url, KONTORA_REDIS_URL=redis_url,
                    KONTORA_QUEUE=queue_name)


def run_worker(app) -> None:
    """``kontora worker --burst`` in a new process with ``app``'s settings."""
    settings = kontora(app).settings
    env = {key: value for key, value in os.environ.items() if not key.startswith("KONTORA_")}
    env.update(KONTORA_DATABASE_URL=settings.database_url,
               KONTORA_INSTANCE_PATH=str(settings.instance_path),
               KONTORA_PLUGINS=settings.plugins, KONTORA_SECRET_KEY=settings.secret_key,
               KONTORA_REDIS_URL=settings.redis_url or "", KONTORA_QUEUE=settings.queue,
               KONTORA_SMTP_URL=settings.smtp_url or "", KONTORA_MAIL_FROM=settings.mail_from)
    result = subprocess.run([sys.executable, "-m", "tests.core.jobs.kontora_cli", "worker",
                             "--burst"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr


def test_a_worker_process_sends_the_mail_after_commit(rq_mail_app, smtp_inbox):
    row_id = send(rq_mail_app, "Ана <ana@example.com>", "Через воркер", text="Привет")
    assert smtp_inbox.messages == []  # handed to RQ, not sent by the web process
    run_worker(rq_mail_app)
    [mail] = smtp_inbox.messages
    assert mail["Subject"] == "Через воркер"
    row = load(rq_mail_app, MailMessage, row_id)
    assert (row.status, row.attempts) == ("sent", 1)


def test_a_worker_records_a_permanent_refusal(rq_mail_app, smtp_inbox):
    smtp_inbox.replies.append("550 5.1.1 Unknown user")
    row_id = send(rq_mail_app, "nobody@example.com", "Refused", text="x")
    run_worker(rq_mail_app)
    row = load(rq_mail_app, MailMessage, row_id)
    assert (row.status, row.last_error) == ("failed", "550 5.1.1 Unknown user")
