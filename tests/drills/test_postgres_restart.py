"""Drill: the PostgreSQL server restarts while staff pages are being served.

A private cluster serves an app whose pages four threads keep loading. The cluster stops:
requests then fail fast with the 503 "database unavailable" page (no hang, no raw 500).
It starts again: the same app, not restarted, serves pages again, since pooled
connections that died with the server are tested before use (``pool_pre_ping``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from core.app import create_app
from core.db import session
from core.identity.models import User
from core.identity.users import staff_session_id
from core.kernel import kontora
from core.migrations import Migrations
from core.permissions.models import Role, RolePermission
from tests.core.web.conftest import Browser
from tests.drills.conftest import wait_for
from tests.drills.postgres_cluster import PostgresCluster, binaries

pytestmark = pytest.mark.postgres

THREADS = 4
MAX_REQUESTS = 3000  # in all: the load is bounded in count as well as in time
HANG = 60.0  # seconds: a request slower than this counts as hanging


@dataclass(frozen=True)
class Answer:
    at: float
    status: int
    seconds: float
    body: str


@pytest.fixture
def cluster() -> Iterator[PostgresCluster]:
    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    found = PostgresCluster(bin_dir)
    try:
        found.init()
        found.start()
        yield found
    finally:
        found.remove()


def staff_app(url: str, instance: Path) -> Any:
    """An app on ``url``, migrated, as production runs it (errors become pages)."""
    app = create_app({"KONTORA_DATABASE_URL": url, "KONTORA_INSTANCE_PATH": str(instance),
                      "KONTORA_PLUGINS": "parties",
                      "KONTORA_SECRET_KEY": "test-secret-key-not-for-production"})
    Migrations(kontora(app)).upgrade()
    return app


def signed_in(app: Any) -> tuple[int, str]:
    with app.app_context(), kontora(app).db.unit():
        role = Role(name="reader", label="Reader", default_scope="all",
                    permissions=[RolePermission(permission="parties.read")])
        user = User(login="ana", name="Ana")
        user.roles.append(role)
        session().add(user)
        session().flush()
        return user.id, staff_session_id(user)


def test_requests_fail_cleanly_while_postgresql_restarts_and_recover_by_themselves(
        cluster: PostgresCluster, tmp_path: Path) -> None:
    app = staff_app(cluster.url, tmp_path / "instance")
    user = signed_in(app)
    answers: list[Answer] = []
    done = threading.Event()
    budget = threading.Semaphore(MAX_REQUESTS)

    def load() -> None:
        browser = Browser(app, *user)
        while not done.is_set() and budget.acquire(blocking=False):
            started = time.monotonic()
            page = browser.get("/clients/")
            answers.append(Answer(started, page.status_code, time.monotonic() - started,
                                  page.get_data(as_text=True)))
            time.sleep(0.05)

    threads = [threading.Thread(target=load, daemon=True) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    try:
        wait_for(lambda: sum(a.status == 200 for a in answers) >= 8, "pages while it is up")
        cluster.stop()
        down = time.monotonic()
        wait_for(lambda: sum(a.at > down for a in answers) >= 8, "answers while it is down")
        starting = time.monotonic()
        cluster.start()
        up = time.monotonic()
        wait_for(lambda: sum(a.at > up and a.status == 200 for a in answers) >= 8,
                 "pages again once it is back")
    finally:
        done.set()
        for thread in threads:
            thread.join(timeout=HANG * 2)
        kontora(app).db.dispose()

    assert not any(thread.is_alive() for thread in threads), "a request hung"
    assert max(a.seconds for a in answers) < HANG
    assert {a.status for a in answers} <= {200, 503}
    outage = [a for a in answers if down < a.at and a.at + a.seconds < starting]
    assert outage and {a.status for a in outage} == {503}
    assert all("database cannot be reached" in a.body for a in outage)
    after = [a for a in answers if a.at > up]
    assert after[-1].status == 200  # recovered for good, without restarting the app
