"""Periodic jobs: cron slots, claimed once across processes, run by ``kontora cron``."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from core.cli import main
from core.jobs import JobError, Periodic, run_periodic
from core.jobs.models import PeriodicSlot
from core.jobs.periodic import validate_periodic
from core.kernel import kontora
from tests.core.jobs.conftest import labels

BUCHAREST = ZoneInfo("Europe/Bucharest")


def slots(app) -> list[tuple[str, datetime]]:
    with kontora(app).db.unit() as s:
        return [(r.job, r.slot) for r in s.scalars(select(PeriodicSlot).order_by(PeriodicSlot.id))]


def test_latest_slot_is_read_in_the_local_time_zone_and_skipped_after_grace():
    daily = Periodic(job="jobtest.record", cron="0 3 * * *", kwargs={"label": "x"})
    at_0330 = datetime(2025, 6, 2, 3, 30, tzinfo=BUCHAREST)
    assert daily.due_slot(at_0330, BUCHAREST) == datetime(2025, 6, 2, 0, 0, tzinfo=UTC)
    assert daily.due_slot(at_0330 + timedelta(hours=2), BUCHAREST) is None  # past grace
    exactly = datetime(2025, 6, 2, 3, 0, tzinfo=BUCHAREST)
    assert daily.latest_slot(exactly, BUCHAREST) == exactly  # a slot is due at its minute


def test_periodic_slot_is_claimed_once_by_competing_processes(make_app):
    apps = [make_app(plugins="jobtest", KONTORA_REDIS_URL="") for _ in range(4)]
    now = datetime(2025, 6, 2, 10, 7, tzinfo=UTC)
    start = threading.Barrier(len(apps))
    claimed: list[list[str]] = []

    def worker(app) -> None:
        start.wait()
        claimed.append(run_periodic(app, now=now))

    threads = [threading.Thread(target=worker, args=(app,)) for app in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(claimed) == [[], [], [], ["jobtest.record"]]
    assert slots(apps[0]) == [("jobtest.record", datetime(2025, 6, 2, 10, 5, tzinfo=UTC))]
    assert labels(apps[0]) == ["tick"]
    assert run_periodic(apps[1], now=now + timedelta(minutes=2)) == []  # same slot
    assert run_periodic(apps[1], now=now + timedelta(minutes=3)) == ["jobtest.record"]
    assert labels(apps[0]) == ["tick", "tick"]


def test_cron_command_runs_due_periodic_jobs_once(inline_app):
    cli = inline_app.test_cli_runner()
    first = cli.invoke(main, ["cron"])
    assert first.exit_code == 0, first.output
    assert "periodic: jobtest.record" in first.output
    assert labels(inline_app) == ["tick"]

    again = cli.invoke(main, ["cron"])
    assert "periodic: none due" in again.output
    assert labels(inline_app) == ["tick"]


def test_cron_command_also_runs_due_retries(inline_app):
    from core.jobs import enqueue

    enqueue("jobtest.flaky", key="via-cron", fail_times=1)
    result = inline_app.test_cli_runner().invoke(main, ["cron"])
    assert "outbox: 1 job(s) dispatched" in result.output
    assert "via-cron" in labels(inline_app)


def test_worker_refuses_to_start_without_redis(inline_app):
    result = inline_app.test_cli_runner().invoke(main, ["worker", "--burst"])
    assert result.exit_code != 0
    assert "kontora worker needs KONTORA_REDIS_URL" in result.output


@pytest.mark.parametrize(("periodic", "message"), [
    (Periodic(job="jobtest.nope", cron="* * * * *"), "no enabled plugin provides"),
    (Periodic(job="jobtest.record", cron="every minute"), "invalid cron expression"),
    (Periodic(job="jobtest.record", cron="* * * * *", kwargs={"label": (1,)}), "JSON"),
])
def test_periodic_jobs_that_cannot_run_stop_start_up(periodic, message):
    with pytest.raises(JobError, match=message):
        validate_periodic([periodic], {"jobtest.record": print})


def test_two_periodic_runs_of_one_job_need_names():
    twice = [Periodic(job="jobtest.record", cron="* * * * *"),
             Periodic(job="jobtest.record", cron="0 * * * *")]
    with pytest.raises(JobError, match="distinct names"):
        validate_periodic(twice, {"jobtest.record": print})
    validate_periodic([twice[0], Periodic(job="jobtest.record", cron="0 * * * *", name="hourly")],
                      {"jobtest.record": print})
