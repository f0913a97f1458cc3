"""``enqueue`` in inline mode: validated, written in the caller's transaction, run after commit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.db import session
from core.jobs import JobError, enqueue
from core.jobs.models import PENDING, JobOutbox
from core.kernel import kontora
from tests.core.jobs.conftest import labels, outbox
from tests.core.jobs.jobs_plugin.models import JobTestRecord


def test_unknown_job_is_refused_with_the_known_names(inline_app):
    with pytest.raises(JobError, match=r"no enabled plugin provides a job named 'jobtest.nope'"
                                       r".*jobtest.record"):
        enqueue("jobtest.nope")
    assert outbox(inline_app) == []


@pytest.mark.parametrize("bad", [Decimal("1.5"), (1, 2), {1: "a"}, float("nan"), object()])
def test_arguments_that_are_not_plain_json_are_refused(inline_app, bad):
    with pytest.raises(JobError, match="must be"):
        enqueue("jobtest.record", label=bad)
    assert outbox(inline_app) == []


def test_job_runs_after_commit_in_its_own_unit_and_leaves_the_outbox(inline_app):
    db = kontora(inline_app).db
    with db.unit():
        job_id = enqueue("jobtest.record", label="hello")
        assert labels(inline_app) == []  # not before the commit
    assert labels(inline_app) == ["hello"]
    assert outbox(inline_app) == []
    assert job_id > 0


def test_outbox_row_is_part_of_the_callers_transaction(inline_app, make_app):
    db = kontora(inline_app).db
    other = make_app(plugins="jobtest", KONTORA_REDIS_URL="")  # another connection
    with db.unit():
        session().add(JobTestRecord(label="business write"))
        job_id = enqueue("jobtest.record", label="from job")
        row = session().get(JobOutbox, job_id)
        assert (row.name, row.kwargs, row.status) == ("jobtest.record", {"label": "from job"},
                                                       PENDING)
        assert outbox(other) == []  # invisible until this transaction commits
    assert labels(inline_app) == ["business write", "from job"]


def test_rolled_back_transaction_enqueues_nothing(inline_app):
    db = kontora(inline_app).db
    with pytest.raises(RuntimeError), db.unit():
        session().add(JobTestRecord(label="business write"))
        enqueue("jobtest.record", label="from job")
        raise RuntimeError("the service fails after enqueueing")
    assert labels(inline_app) == []
    assert outbox(inline_app) == []


def test_enqueue_outside_a_unit_of_work_runs_at_once(inline_app):
    enqueue("jobtest.record", label="no transaction")
    assert labels(inline_app) == ["no transaction"]

