"""Mailboxes set up by an administrator: several mailboxes and folders read from a real
Dovecot, passwords kept in the environment, "fetch now" on the page, through the API and
as ``kontora mailbox fetch``, and each folder's last result shown."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from core.errors import Forbidden, ValidationError
from core.jobs.runner import run_job
from core.kernel import kontora
from plugins.leads.mailbox import accounts
from plugins.leads.mailbox.fetcher import MailboxError
from plugins.leads.mailbox.jobs import JOB
from plugins.leads.mailbox.models import (
    InboxMessage,
    MailboxAccount,
    MailboxState,
    QuarantinedMessage,
)
from tests.core.api.support import bearer
from tests.fixtures.dovecot import PASSWORD
from tests.plugins.leads.conftest import SALES, as_staff, make_user
from tests.plugins.leads.mailbox import messages as m

READER = [*SALES, "leads.mailbox.read"]
ADMIN = [*READER, "leads.mailbox.admin"]
SECRET_VAR = "KONTORA_TEST_MAILBOX_PASSWORD"


def setup(app, mailbox, **extra) -> int:
    """A mailbox with two folders on the test Dovecot, set up by an administrator."""
    client = mailbox.server.connect(mailbox.login)
    client.create("Oferte")
    client.logout()
    with app.app_context(), kontora(app).db.unit():
        admin = as_staff(make_user("adm", ADMIN))
        return accounts.create_account(admin, {
            "name": "Vânzări", "host": "127.0.0.1", "port": mailbox.server.port,
            "security": "none", "username": mailbox.login, "password_env": SECRET_VAR,
            "folders": ["INBOX", "Oferte", " INBOX "], **extra}).id


def states(app) -> dict[str, tuple]:
    with app.app_context(), kontora(app).db.unit() as s:
        return {st.folder.rsplit("/", 1)[1]: (st.imported, st.quarantined, st.errors, st.error)
                for st in s.scalars(select(MailboxState))}


def test_an_account_reads_each_of_its_folders_with_the_password_from_the_environment(
        app, mailbox, monkeypatch):
    account_id = setup(app, mailbox)
    mailbox.deliver(m.romanian_qp(), m.nested_multipart())
    mailbox.server.append(mailbox.login, m.bulgarian_base64_with_pdf(), folder="Oferte")
    monkeypatch.delenv(SECRET_VAR, raising=False)
    with pytest.raises(MailboxError, match=SECRET_VAR):
        run_job(app, JOB, {})
    assert states(app) == {
        "INBOX": (0, 0, 1, f"the environment variable {SECRET_VAR} holding the password of "
                           "'Vânzări' is not set"),
        "Oferte": (0, 0, 1, f"the environment variable {SECRET_VAR} holding the password of "
                            "'Vânzări' is not set")}
    monkeypatch.setenv(SECRET_VAR, PASSWORD)
    run_job(app, JOB, {})
    assert states(app) == {"INBOX": (1, 1, 0, None), "Oferte": (1, 0, 0, None)}
    with app.app_context(), kontora(app).db.unit() as s:
        assert sorted(s.scalars(select(InboxMessage.message_id))) == [
            "<bg-1@ofis-sofia.bg>", "<ro-1@lemnaria.ro>"]
        account = s.get(MailboxAccount, account_id)
        assert (account.folders, account.port) == (["INBOX", "Oferte"], mailbox.server.port)
        assert "password" not in {c.name for c in MailboxAccount.__table__.columns}
        assert PASSWORD not in repr([getattr(account, c.name)
                                     for c in MailboxAccount.__table__.columns])
    with app.app_context(), kontora(app).db.unit():
        accounts.update_account(as_staff(make_user("adm2", ADMIN)), account_id,
                                {"active": False})
    mailbox.deliver(m.russian_1251_with_image())
    run_job(app, JOB, {})  # a paused mailbox is not read
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.scalar(select(func.count()).select_from(InboxMessage)) == 2


def test_account_fields_are_checked_and_need_the_admin_permission(app):
    with app.app_context(), kontora(app).db.unit():
        reader = as_staff(make_user("ann", READER))
        admin = as_staff(make_user("adm", ADMIN))
        good = {"name": "Sales", "host": "mail.firma.ro", "username": "sales@firma.ro",
                "password_env": "KONTORA_SALES_PW"}
        with pytest.raises(Forbidden):
            accounts.create_account(reader, good)
        with pytest.raises(Forbidden):
            accounts.request_fetch(reader)
        for field, bad in (("host", "not a host"), ("password_env", "secret-Pa55"),
                           ("password_env", "lower_case"), ("port", 70000),
                           ("security", "ssl3"), ("folders", []), ("folders", ["  "]),
                           ("name", "")):
            with pytest.raises(ValidationError) as error:
                accounts.create_account(admin, {**good, field: bad})
            assert field in error.value.fields, (field, bad)
        made = accounts.create_account(admin, good)
        assert (made.port, made.security, made.folders, made.active) == (
            993, "tls", ["INBOX"], True)
        with pytest.raises(ValidationError) as error:
            accounts.create_account(admin, {**good, "host": "other.firma.ro"})
        assert "name" in error.value.fields
        assert accounts.update_account(admin, made.id, {"security": "starttls"}).port == 143


def test_the_cli_fetches_every_mailbox_and_says_what_it_did(app, mailbox, monkeypatch):
    setup(app, mailbox)
    monkeypatch.setenv(SECRET_VAR, PASSWORD)
    mailbox.deliver(m.romanian_qp(), m.nested_forwards())
    runner = app.test_cli_runner()
    result = runner.invoke(args=["mailbox", "fetch"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines == [f"{mailbox.login}@127.0.0.1:{mailbox.server.port}/INBOX: 1 imported, "
                     "1 quarantined, 0 errors",
                     f"{mailbox.login}@127.0.0.1:{mailbox.server.port}/Oferte: 0 imported, "
                     "0 quarantined, 0 errors"]
    monkeypatch.setenv(SECRET_VAR, "wrong password")
    failed = runner.invoke(args=["mailbox", "fetch"])
    assert failed.exit_code == 1 and "1 errors (cannot read" in failed.output


def test_the_settings_page_sets_up_fetches_and_shows_the_result(
        app, mailbox, sign_in, monkeypatch):
    monkeypatch.setenv(SECRET_VAR, PASSWORD)
    client = mailbox.server.connect(mailbox.login)
    client.create("Oferte")
    client.logout()
    mailbox.deliver(m.romanian_qp(), m.nested_multipart())
    admin = sign_in("adm", ADMIN)
    reader = sign_in("ann", READER)
    assert reader.get("/leads/mailbox/settings").status_code == 403
    assert reader.post("/leads/mailbox/fetch").status_code == 403
    form = {"name": "Vânzări", "host": "127.0.0.1", "port": str(mailbox.server.port),
            "security": "none", "username": mailbox.login, "password_env": SECRET_VAR,
            "folders": "INBOX\r\nOferte", "active": ["false", "true"]}
    refused = admin.post("/leads/mailbox/settings", {**form, "password_env": "p@ss"})
    assert refused.status_code == 422
    assert "Give the name of an environment variable" in refused.get_data(as_text=True)
    no_token = admin.client.post("/leads/mailbox/settings", data=form)
    assert no_token.status_code == 400  # CSRF
    assert admin.post("/leads/mailbox/settings", form).status_code == 302
    page = admin.get("/leads/mailbox/settings").get_data(as_text=True)
    assert "Vânzări" in page and SECRET_VAR in page and "not set here" not in page
    edit = re.search(r'href="(/leads/mailbox/settings/\d+)"', page).group(1)
    assert "INBOX\nOferte" in admin.get(edit).get_data(as_text=True)
    assert admin.post("/leads/mailbox/fetch").status_code == 302  # runs inline after commit
    page = admin.get("/leads/mailbox/settings").get_data(as_text=True)
    assert "1 imported, 1 quarantined, 0 errors" in page
    inbox = reader.get("/leads/mailbox/").get_data(as_text=True)
    assert "1 imported, 1 quarantined, 0 errors" in inbox
    assert 'data-quarantined="1"' in inbox
    saved = admin.post(edit, {**form, "folders": "INBOX", "active": "false"})
    assert saved.status_code == 302
    with app.app_context(), kontora(app).db.unit() as s:
        account = s.scalar(select(MailboxAccount))
        assert (account.folders, account.active) == (["INBOX"], False)
    delete = re.search(r'action="(/leads/mailbox/settings/\d+/delete)"',
                       admin.get("/leads/mailbox/settings").get_data(as_text=True)).group(1)
    assert reader.post(delete).status_code == 403
    assert admin.post(delete).status_code == 302
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.scalar(select(func.count()).select_from(MailboxAccount)) == 0


def test_the_quarantine_page_lists_retries_and_discards(app, mailbox, sign_in, monkeypatch):
    setup(app, mailbox)
    monkeypatch.setenv(SECRET_VAR, PASSWORD)
    mailbox.deliver(m.nested_multipart(), m.nested_forwards(), m.romanian_qp())
    run_job(app, JOB, {})
    reader = sign_in("ann", READER)
    page = reader.get("/leads/mailbox/quarantine").get_data(as_text=True)
    assert "Deep Nest &lt;deep@attacker.example&gt;" in page and "Форвард" in page
    assert "nested too deeply" in page and "/retry" not in page
    admin = sign_in("adm2", ADMIN)
    page = admin.get("/leads/mailbox/quarantine").get_data(as_text=True)
    retry, discard = re.findall(r'action="(/leads/mailbox/quarantine/\d+/(?:retry|discard))"',
                                page)[:2]
    assert reader.post(retry).status_code == 403
    again = admin.post(retry)
    assert again.status_code == 302
    assert "still cannot be read" in admin.get("/leads/mailbox/quarantine").get_data(
        as_text=True)
    assert admin.post(discard).status_code == 302
    with app.app_context(), kontora(app).db.unit() as s:
        assert [q.attempts for q in s.scalars(select(QuarantinedMessage))] == [1]


def test_the_api_sets_up_fetches_and_handles_the_quarantine(app, mailbox, monkeypatch):
    monkeypatch.setenv(SECRET_VAR, PASSWORD)
    mailbox.deliver(m.nested_multipart(), m.romanian_qp())
    with app.app_context(), kontora(app).db.unit():
        admin = bearer(make_user("adm", ADMIN))
        reader = bearer(make_user("ann", READER))
    client = app.test_client()
    body = {"name": "Sales", "host": "127.0.0.1", "port": mailbox.server.port,
            "security": "none", "username": mailbox.login, "password_env": SECRET_VAR}
    assert client.post("/api/v1/leads/mailbox/accounts", json=body,
                       headers=reader).status_code == 403
    bad = client.post("/api/v1/leads/mailbox/accounts", json={**body, "port": "x"},
                      headers=admin)
    assert bad.status_code == 422 and "port" in bad.get_json()["fields"]
    # blanks only: trimmed, the mailbox would have no name (and the answer an empty one)
    blank = client.post("/api/v1/leads/mailbox/accounts",
                        json={**body, "name": "\t", "username": "\x1d "}, headers=admin)
    assert blank.status_code == 422
    assert set(blank.get_json()["fields"]) == {"name", "username"}
    made = client.post("/api/v1/leads/mailbox/accounts", json=body, headers=admin)
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["password_set"] is True and "password" not in made.get_json()
    account_id = made.get_json()["id"]
    changed = client.patch(f"/api/v1/leads/mailbox/accounts/{account_id}",
                           json={"folders": ["INBOX"]}, headers=admin)
    assert changed.status_code == 200 and changed.get_json()["folders"] == ["INBOX"]
    unnamed = client.patch(f"/api/v1/leads/mailbox/accounts/{account_id}",
                           json={"name": "  "}, headers=admin)
    assert unnamed.status_code == 422 and list(unnamed.get_json()["fields"]) == ["name"]
    assert client.post("/api/v1/leads/mailbox/fetch", headers=reader).status_code == 403
    assert client.post("/api/v1/leads/mailbox/fetch", headers=admin).status_code == 202
    [state] = client.get("/api/v1/leads/mailbox/status", headers=reader).get_json()
    assert (state["imported"], state["quarantined"], state["errors"]) == (1, 1, 0)
    [entry] = client.get("/api/v1/leads/mailbox/quarantine", headers=reader).get_json()
    assert (entry["uid"], entry["sender"]) == (1, "Deep Nest <deep@attacker.example>")
    retried = client.post(f"/api/v1/leads/mailbox/quarantine/{entry['id']}/retry",
                          headers=admin)
    assert retried.status_code == 200
    assert (retried.get_json()["imported"], retried.get_json()["entry"]["attempts"]) == (
        False, 2)
    assert client.delete(f"/api/v1/leads/mailbox/quarantine/{entry['id']}",
                         headers=reader).status_code == 403
    assert client.delete(f"/api/v1/leads/mailbox/quarantine/{entry['id']}",
                         headers=admin).status_code == 204
    assert client.get("/api/v1/leads/mailbox/quarantine", headers=admin).get_json() == []
    assert client.delete(f"/api/v1/leads/mailbox/accounts/{account_id}",
                         headers=admin).status_code == 204
