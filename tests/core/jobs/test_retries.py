"""Inline mode: failing jobs retry with backoff, then fail, are listed and re-run from the CLI."""

from __future__ import annotations

from datetime import timedelta

from core.cli import main
from core.db import utcnow
from core.jobs import drain_outbox, enqueue
from core.jobs.models import FAILED, PENDING, RUNNING, JobOutbox
from core.kernel import kontora
from tests.core.jobs.conftest import labels, outbox


def test_failing_job_retries_on_each_drain_until_it_succeeds(inline_app):
    with kontora(inline_app).db.unit():
        enqueue("jobtest.flaky", key="k1", fail_times=2)
    [row] = outbox(inline_app)
    assert (row.status, row.attempts) == (PENDING, 1)
    assert "attempt 1 of k1 fails on purpose" in row.last_error

    assert drain_outbox(inline_app) == 1
    [row] = outbox(inline_app)
    assert (row.status, row.attempts) == (PENDING, 2)

    assert drain_outbox(inline_app) == 1
    assert outbox(inline_app) == []
    assert labels(inline_app) == ["k1"]


def test_retry_waits_for_its_backoff(inline_app):
    enqueue("jobtest.flaky-slow", key="slow", fail_times=1)  # backoff 60 s
    [row] = outbox(inline_app)
    assert row.status == PENDING
    assert row.available_at - row.updated_at >= timedelta(seconds=59)

    assert drain_outbox(inline_app) == 0  # not due yet
    assert drain_outbox(inline_app, now=utcnow() + timedelta(seconds=61)) == 1
    assert labels(inline_app) == ["slow"]


def test_job_that_gives_up_is_failed_announced_listed_and_retried(inline_app):
    enqueue("jobtest.flaky", key="k2", fail_times=3)  # 1 run + 2 retries, all failing
    drain_outbox(inline_app)
    drain_outbox(inline_app)
    [row] = outbox(inline_app)
    assert (row.status, row.attempts) == (FAILED, 3)
    assert labels(inline_app) == ["gave up: jobtest.flaky k2"]  # core.job-failed receiver
    assert drain_outbox(inline_app) == 0  # a failed job waits for a person

    cli = inline_app.test_cli_runner()
    listed = cli.invoke(main, ["jobs", "list", "--failed"])
    assert listed.exit_code == 0, listed.output
    [line] = [ln for ln in listed.output.splitlines() if ln.startswith(f"{row.id} ")]
    assert line.split()[1:5] == ["jobtest.flaky", "failed", "outbox", "3"]
    assert "RuntimeError: attempt 3 of k2 fails on purpose" in listed.output

    retried = cli.invoke(main, ["jobs", "retry", str(row.id)])
    assert retried.exit_code == 0, retried.output
    assert "retried 1 job(s)" in retried.output
    assert outbox(inline_app) == []
    assert labels(inline_app) == ["gave up: jobtest.flaky k2", "k2"]
    assert "no failed jobs" in cli.invoke(main, ["jobs", "list", "--failed"]).output


def test_retry_all_and_unknown_ids(inline_app):
    for key in ("a", "b"):
        enqueue("jobtest.flaky", key=key, fail_times=3)
    drain_outbox(inline_app)
    drain_outbox(inline_app)
    assert {r.status for r in outbox(inline_app)} == {FAILED}

    cli = inline_app.test_cli_runner()
    result = cli.invoke(main, ["jobs", "retry", "--all"])
    assert result.exit_code == 0, result.output
    assert "retried 2 job(s)" in result.output
    assert {"a", "b"} <= set(labels(inline_app))

    missing = cli.invoke(main, ["jobs", "retry", "999"])
    assert missing.exit_code != 0
    assert "no failed job with ID 999" in missing.output
    assert cli.invoke(main, ["jobs", "retry"]).exit_code == 2


def test_listing_shows_waiting_jobs(inline_app):
    enqueue("jobtest.flaky-slow", key="later", fail_times=1)
    output = inline_app.test_cli_runner().invoke(main, ["jobs", "list"]).output
    [line] = output.splitlines()[1:]
    assert line.split()[1:5] == ["jobtest.flaky-slow", "pending", "outbox", "1"]


def test_job_whose_process_died_is_run_again_after_its_lease(inline_app):
    with kontora(inline_app).db.unit() as s:
        s.add(JobOutbox(name="jobtest.record", kwargs={"label": "orphan"}, status=RUNNING,
                        attempts=1, available_at=utcnow() - timedelta(seconds=1)))
    assert drain_outbox(inline_app) == 1
    assert labels(inline_app) == ["orphan"]


def test_job_no_enabled_plugin_provides_fails_without_retries(inline_app):
    with kontora(inline_app).db.unit() as s:
        s.add(JobOutbox(name="gone.job", kwargs={}, status=PENDING, attempts=0,
                        available_at=utcnow()))
    assert drain_outbox(inline_app) == 1
    [row] = outbox(inline_app)
    assert row.status == FAILED
    assert "no enabled plugin provides a job named 'gone.job'" in row.last_error
