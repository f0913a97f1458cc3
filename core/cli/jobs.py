"""``kontora worker``, ``kontora cron`` and ``kontora jobs list|retry``."""

from __future__ import annotations

import time

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from redis import Redis

from core.jobs import drain_outbox, run_periodic
from core.jobs.admin import failed_ids, list_jobs, retry_job
from core.jobs.worker import KontoraWorker
from core.kernel import kontora
from core.worker import adopt


def _app() -> Flask:
    return current_app._get_current_object()  # type: ignore[attr-defined]


@click.command("worker")
@click.option("--burst", is_flag=True, help="Exit once the queue is empty (tests, batch runs).")
@with_appcontext
def worker_command(burst: bool) -> None:
    """Run an RQ worker: jobs, retries, the outbox and periodic jobs (needs KONTORA_REDIS_URL)."""


    app = _app()
    settings = kontora(app).settings
    if not settings.redis_url:
        raise click.ClickException(
            "kontora worker needs KONTORA_REDIS_URL; without Redis, jobs run inline after "
            "commit and `kontora cron` runs periodic jobs and retries")
    adopt(app)
    worker = KontoraWorker([settings.queue], connection=Redis.from_url(settings.redis_url),
                           app=app)
    worker.work(burst=burst, with_scheduler=True, logging_level="INFO")


@click.command("cron")
@click.option("--loop", is_flag=True, help="Keep running, once a minute, instead of exiting.")
@with_appcontext
def cron_command(loop: bool) -> None:
    """Run due periodic jobs and outbox retries once (a system cron line every minute)."""

    app = _app()
    while True:
        done = drain_outbox(app)
        claimed = run_periodic(app)
        due = ", ".join(claimed) or "none due"
        click.echo(f"outbox: {done} job(s) dispatched; periodic: {due}")
        if not loop:
            return
        time.sleep(60 - time.time() % 60 + 1)  # just after the next minute starts


@click.group("jobs")
def jobs_group() -> None:
    """Inspect and re-run background jobs."""


@jobs_group.command("list")
@click.option("--failed", is_flag=True, help="Only jobs that gave up.")
@with_appcontext
def list_command(failed: bool) -> None:
    """List jobs waiting in the outbox or running or waiting on Redis, and failed ones."""

    entries = list_jobs(_app(), failed_only=failed)
    if not entries:
        click.echo("no failed jobs" if failed else "no jobs")
        return
    rows = [("ID", "JOB", "STATUS", "WHERE", "ATTEMPTS", "WHEN (UTC)", "ERROR")]
    for e in entries:
        attempts = "-" if e.attempts is None else str(e.attempts)
        when = e.when.strftime("%Y-%m-%d %H:%M:%S") if e.when else "-"
        rows.append((e.id, e.name, e.status, e.where, attempts, when, e.error))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


@jobs_group.command("retry")
@click.argument("job_ids", nargs=-1)
@click.option("--all", "retry_all", is_flag=True, help="Retry every failed job.")
@with_appcontext
def retry_command(job_ids: tuple[str, ...], retry_all: bool) -> None:
    """Run failed jobs again, by the ID `kontora jobs list` shows, or --all."""

    app = _app()
    if retry_all == bool(job_ids):
        raise click.UsageError("give job IDs or --all, not both and not neither")
    ids = failed_ids(app) if retry_all else list(job_ids)
    unknown = [job_id for job_id in ids if not retry_job(app, job_id)]
    click.echo(f"retried {len(ids) - len(unknown)} job(s)")
    if unknown:
        raise click.ClickException(f"no failed job with ID {', '.join(unknown)}")
