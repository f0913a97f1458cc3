"""Drill: the worker is killed (SIGKILL) while it talks to the SMTP server.

A real ``kontora worker`` takes the mail job and connects to the test SMTP server, which
holds the message before accepting it. The worker and its work horse are killed outright,
as the kernel's OOM killer or a lost machine would. ``kontora jobs list`` shows the job
meanwhile; a new worker finds the dead one's job once its lease runs out, retries it, and
the message arrives exactly once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from core.cli import main
from core.kernel import kontora
from core.mail import send_mail
from core.mail.models import SENT, MailMessage
from tests.core.jobs.conftest import ROOT, kontora_command, kontora_env
from tests.drills.conftest import RedisServer, wait_for
from tests.fixtures.smtp import Inbox, free_port

pytestmark = pytest.mark.redis

RETRIED_WITHIN = 600  # s: the lease (90 s) + a maintenance tick + the mail job's backoff (120 s)


class StallingInbox(Inbox):
    """Holds the first message before answering, until ``released``; keeps later ones."""

    def __init__(self) -> None:
        super().__init__()
        self.stalled = threading.Event()
        self.released = threading.Event()

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd names it
        if not self.stalled.is_set():
            self.stalled.set()
            while not self.released.is_set():
                await asyncio.sleep(0.1)
            return "451 4.3.0 The sender went away"  # nobody reads it: never accepted
        return await super().handle_DATA(server, session, envelope)


@contextmanager
def stalling_smtp() -> Iterator[StallingInbox]:
    inbox = StallingInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.url = f"smtp://127.0.0.1:{controller.port}"
    try:
        yield inbox
    finally:
        inbox.released.set()
        controller.stop()


class Worker:
    """``kontora worker`` as a process of its own, its output in a file."""

    def __init__(self, app: Any, log: Path) -> None:
        self.log = log.open("ab")
        self.process = subprocess.Popen(kontora_command("worker"), cwd=ROOT,
                                        env=kontora_env(app), stdout=self.log,
                                        stderr=subprocess.STDOUT)

    def horses(self) -> list[int]:
        """The work horses it forked (each runs one job in a process group of its own)."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        return [int(p) for p in children.read_text().split()] if children.exists() else []

    def kill(self) -> None:
        """SIGKILL the worker and its horses: nothing of them runs a line more."""
        for pid in [*self.horses(), self.process.pid]:
            os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=60)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=60)
        self.log.close()


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Callable[[Any], Worker]]:
    started: list[Worker] = []

    def start(app: Any) -> Worker:
        started.append(Worker(app, tmp_path / f"worker-{len(started)}.log"))
        return started[-1]

    yield start
    for worker in started:
        worker.stop()


def listed(app: Any) -> list[list[str]]:
    """The mail jobs ``kontora jobs list`` prints (ID, job, status, where), as words."""
    result = app.test_cli_runner().invoke(main, ["jobs", "list"])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.output.splitlines()[1:]]
    return [row[:4] for row in rows if row[1:2] == ["core.send-mail"]]


def mail_row(app: Any, mail_id: int) -> MailMessage:
    with app.app_context(), kontora(app).db.unit() as s:
        return s.get(MailMessage, mail_id)


def test_killed_worker_mail_is_retried_by_another_and_arrives_once(
        make_app: Callable[..., Any], private_redis: RedisServer,
        workers: Callable[[Any], Worker]) -> None:
    with stalling_smtp() as smtp:
        app = make_app(plugins="jobtest", KONTORA_SMTP_URL=smtp.url,
                       KONTORA_REDIS_URL=private_redis.url)
        with app.app_context(), kontora(app).db.unit():
            mail_id = send_mail("client@example.test", "Your invoice", text="Attached.").id

        first = workers(app)
        wait_for(smtp.stalled.is_set, "the worker to be sending the message")
        first.kill()  # at once: the horse's SMTP client gives up after 30 s (smtp.TIMEOUT)
        smtp.released.set()
        assert smtp.messages == []
        [(_id, _name, status, where)] = listed(app)  # the dead worker's job is still listed
        assert (status, where) == ("running", "redis")

        workers(app)
        wait_for(lambda: smtp.messages, "the retried message", timeout=RETRIED_WITHIN)
        wait_for(lambda: mail_row(app, mail_id).status == SENT, "the message marked sent")
        [message] = smtp.messages
        assert message["Subject"] == "Your invoice"
        assert mail_row(app, mail_id).attempts == 1  # the killed attempt wrote nothing
        wait_for(lambda: listed(app) == [], "the job to leave the list")
        assert len(smtp.messages) == 1
