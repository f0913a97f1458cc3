"""Password reset: an e-mailed link (real SMTP server) that works once and expires."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator

import pytest
from itsdangerous import TimestampSigner
from redis import Redis
from rq import Queue
from sqlalchemy import event, func, select

from core.accounts import reset
from core.identity.models import User
from core.kernel import kontora
from core.mail.models import MailMessage
from tests.core.identity.support import csrf_token, make_user, sign_in
from tests.fixtures.smtp import Inbox, smtp_server

NEW_PASSWORD = "a brand new secret"


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, str]]:
    with smtp_server() as server:
        yield server, server.url


def _ask_for_link(client, login: str) -> int:
    token = csrf_token(client, "/password/forgot")
    return client.post("/password/forgot", data={"login": login, "csrf_token": token}).status_code


def _reset(client, path: str, password: str = NEW_PASSWORD):
    token = csrf_token(client, path)
    return client.post(path, data={"password": password, "confirm": password,
                                   "csrf_token": token})


def test_mailed_link_sets_a_new_password_and_works_only_once(make_app, inbox):
    handler, smtp_url = inbox
    app = make_app(KONTORA_SMTP_URL=smtp_url, KONTORA_BASE_URL="http://crm.example.com:8080")
    make_user(app, "ana", email="ana@example.com")
    client = app.test_client()

    assert _ask_for_link(client, "ana@example.com") == 200
    assert len(handler.messages) == 1
    mail = handler.messages[0]
    assert mail["To"] == "ana@example.com"
    body = mail.get_content()
    link = re.search(r"http://crm\.example\.com:8080(/password/reset/\S+)", body)
    assert link, body
    path = link.group(1)

    assert _reset(client, path).status_code == 302
    assert sign_in(client, "ana", NEW_PASSWORD).status_code == 302

    second = app.test_client()
    assert second.get(path).status_code == 400
    token = csrf_token(second, "/login")
    again = second.post(path, data={"password": "another password!",
                                    "confirm": "another password!", "csrf_token": token})
    assert again.status_code == 400
    assert sign_in(app.test_client(), "ana", NEW_PASSWORD).status_code == 302


def test_link_comes_in_the_users_language_else_the_setting(make_app, inbox):
    """A user following the browser has no language a mail could use: KONTORA_LANGUAGE."""
    handler, smtp_url = inbox
    app = make_app(KONTORA_SMTP_URL=smtp_url, KONTORA_LANGUAGE="ro")
    make_user(app, "ana", email="ana@example.com")
    bg_id = make_user(app, "ivan", email="ivan@example.com")
    with app.app_context(), kontora(app).db.unit() as s:
        s.get(User, bg_id).language = "bg"
    client = app.test_client()
    assert _ask_for_link(client, "ana@example.com") == 200
    assert _ask_for_link(client, "ivan@example.com") == 200
    assert [m["Subject"] for m in handler.messages] == [
        "Resetați parola Kontora", "Възстановяване на паролата за Kontora"]


def test_unknown_account_gets_the_same_answer_and_no_mail(make_app, inbox):
    handler, smtp_url = inbox
    app = make_app(KONTORA_SMTP_URL=smtp_url)
    make_user(app, "ana", email="ana@example.com")
    assert _ask_for_link(app.test_client(), "nobody@example.com") == 200
    assert handler.messages == []


def test_expired_link_is_refused(app):
    user_id = make_user(app, "ana", email="ana@example.com")

    class HourAndMoreAgo(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - reset.MAX_AGE - 60

    with app.test_request_context(), kontora(app).db.unit() as s:
        user = s.get(User, user_id)
        old = reset.serializer(signer=HourAndMoreAgo).dumps(reset.reset_payload(user))
        fresh = reset.make_reset_token(user)
        assert reset.user_for_token(old) is None
        assert reset.user_for_token(fresh) is not None
    assert app.test_client().get(f"/password/reset/{old}").status_code == 400


def test_too_short_password_is_a_field_error(app):
    user_id = make_user(app, "ana", email="ana@example.com")
    with app.test_request_context(), kontora(app).db.unit() as s:
        token = reset.make_reset_token(s.get(User, user_id))
    response = _reset(app.test_client(), f"/password/reset/{token}", "short")
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_one_account_gets_few_reset_mails_whatever_the_address(make_app, inbox):
    handler, smtp_url = inbox
    app = make_app(KONTORA_SMTP_URL=smtp_url)
    make_user(app, "ana", email="ana@example.com")
    answers = []
    for n in range(4):  # four different addresses asking for the same account
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{n + 1}"
        answers.append(_ask_for_link(client, "ana"))
    assert answers == [200, 200, 200, 429]
    assert len(handler.messages) == 3


def _statements_of_request(app, login: str) -> tuple[int, list[str]]:
    """The status and the SQL statements (parameters aside) of one reset request."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"
    token = csrf_token(client, "/password/forgot")
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    engine = kontora(app).db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        status = client.post("/password/forgot", data={"login": login, "csrf_token": token})
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return status.status_code, statements


def test_the_request_does_the_same_work_for_known_and_unknown_accounts(
        make_app, redis_url, queue_name):
    """What tells accounts apart (the lookup, the token, the mail) happens in a job."""
    app = make_app(KONTORA_REDIS_URL=redis_url, KONTORA_QUEUE=queue_name)
    run = uuid.uuid4().hex[:10]  # Redis keeps limit counts between runs: names of this run
    make_user(app, f"ana-{run}", email=f"ana-{run}@example.com")
    known = _statements_of_request(app, f"ana-{run}@example.com")
    unknown = _statements_of_request(app, f"nobody-{run}@example.com")
    assert known[0] == unknown[0] == 200
    assert known[1] == unknown[1]
    queued = Queue(queue_name, connection=Redis.from_url(redis_url)).jobs
    assert [job.args[0] for job in queued] == [reset.RESET_JOB] * 2
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.scalar(select(func.count()).select_from(MailMessage)) == 0


def test_one_account_gets_few_reset_mails_whatever_name_it_is_asked_by(make_app, inbox):
    handler, smtp_url = inbox
    app = make_app(KONTORA_SMTP_URL=smtp_url)
    make_user(app, "ana", email="ana@example.com")
    answers = [_ask_for_link(app.test_client(), name)
               for name in ("ana", "ana@example.com", "ANA", " Ana@Example.com ")]
    assert answers == [200] * 4
    assert len(handler.messages) == 3
