"""Redis mode against the local Redis, with a real ``kontora worker --burst`` process."""

from __future__ import annotations

import pytest
from rq import Queue
from rq.registry import FailedJobRegistry, ScheduledJobRegistry

from core.cli import main
from core.jobs import drain_outbox, enqueue
from core.jobs.queue import connection
from core.kernel import kontora
from tests.core.jobs.conftest import labels, outbox, run_kontora

pytestmark = pytest.mark.redis


def rq(app) -> Queue:
    settings = kontora(app).settings
    return Queue(settings.queue, connection=connection(settings.redis_url))


def written(app) -> list[str]:
    """Labels jobs wrote, without the periodic job's ticks the worker also schedules."""
    return [label for label in labels(app) if label != "tick"]


def test_job_goes_to_rq_after_commit_and_a_real_worker_runs_it(redis_app):
    with kontora(redis_app).db.unit():
        enqueue("jobtest.record", label="via rq")
        assert rq(redis_app).count == 0  # nothing leaves before the commit
        assert len(outbox(redis_app)) == 0  # (the row is still uncommitted)
    assert outbox(redis_app) == []  # handed over: the row is gone
    assert rq(redis_app).count == 1

    run_kontora(redis_app, "worker", "--burst")
    assert written(redis_app) == ["via rq"]
    assert rq(redis_app).count == 0


def test_rolled_back_transaction_sends_nothing_to_rq(redis_app):
    with pytest.raises(RuntimeError), kontora(redis_app).db.unit():
        enqueue("jobtest.record", label="never")
        raise RuntimeError("rolled back")
    assert rq(redis_app).count == 0
    assert outbox(redis_app) == []


def test_redis_outage_keeps_the_job_in_the_outbox_until_a_drain(make_app, closed_port_url,
                                                                 redis_url, queue_name):
    down = make_app(plugins="jobtest", KONTORA_REDIS_URL=closed_port_url,
                    KONTORA_QUEUE=queue_name)
    with down.app_context(), kontora(down).db.unit():
        enqueue("jobtest.record", label="after the outage")
    [row] = outbox(down)
    assert row.status == "pending"
    assert row.last_error.startswith("not handed to Redis: ConnectionError")

    up = make_app(plugins="jobtest", KONTORA_REDIS_URL=redis_url, KONTORA_QUEUE=queue_name)
    with up.app_context():
        assert drain_outbox(up) == 1
    assert outbox(up) == []
    assert rq(up).count == 1
    run_kontora(up, "worker", "--burst")
    assert written(up) == ["after the outage"]


def test_worker_hands_over_waiting_outbox_rows_and_schedules_periodic_jobs(make_app,
                                                                           closed_port_url,
                                                                           redis_url,
                                                                           queue_name):
    down = make_app(plugins="jobtest", KONTORA_REDIS_URL=closed_port_url,
                    KONTORA_QUEUE=queue_name)
    with down.app_context():
        enqueue("jobtest.record", label="left in the outbox")
    up = make_app(plugins="jobtest", KONTORA_REDIS_URL=redis_url, KONTORA_QUEUE=queue_name)
    run_kontora(up, "worker", "--burst")
    assert sorted(labels(up)) == ["left in the outbox", "tick"]
    assert outbox(up) == []


def test_failing_job_retries_then_is_listed_and_rerun(redis_app):
    enqueue("jobtest.flaky", key="r1", fail_times=3)  # 1 run + 2 immediate retries, all fail
    run_kontora(redis_app, "worker", "--burst")
    assert written(redis_app) == ["gave up: jobtest.flaky r1"]  # core.job-failed, in the worker
    [job_id] = FailedJobRegistry(queue=rq(redis_app)).get_job_ids()

    cli = redis_app.test_cli_runner()
    listed = cli.invoke(main, ["jobs", "list", "--failed"])
    assert listed.exit_code == 0, listed.output
    [line] = [ln for ln in listed.output.splitlines() if ln.startswith(job_id)]
    assert line.split()[1:4] == ["jobtest.flaky", "failed", "redis"]
    assert line.endswith("RuntimeError: attempt 3 of r1 fails on purpose")

    retried = cli.invoke(main, ["jobs", "retry", job_id])
    assert retried.exit_code == 0, retried.output
    assert rq(redis_app).count == 1
    run_kontora(redis_app, "worker", "--burst")
    assert written(redis_app) == ["gave up: jobtest.flaky r1", "r1"]
    assert FailedJobRegistry(queue=rq(redis_app)).get_job_ids() == []


def test_rq_retry_waits_for_its_backoff(redis_app):
    enqueue("jobtest.flaky-slow", key="later", fail_times=1)  # one retry after 60 s
    run_kontora(redis_app, "worker", "--burst")
    assert written(redis_app) == []
    assert len(ScheduledJobRegistry(queue=rq(redis_app))) == 1

    output = redis_app.test_cli_runner().invoke(main, ["jobs", "list"]).output
    [line] = [ln for ln in output.splitlines() if "jobtest.flaky-slow" in ln]
    assert line.split()[2:4] == ["scheduled", "redis"]

