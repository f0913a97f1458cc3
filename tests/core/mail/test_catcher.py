"""Without SMTP the outgoing-mail pages are a mail catcher: every message stays readable."""

from __future__ import annotations

from typing import Any

import pytest

from core.mail import MailMessage
from tests.core.mail.conftest import load, send
from tests.core.web.conftest import sign_in  # noqa: F401  (a fixture)
from tests.fixtures.smtp import free_port


@pytest.fixture
def app(make_app: Any, request: pytest.FixtureRequest) -> Any:
    """The embedded default (no SMTP) unless a test passes other settings."""
    return make_app(**getattr(request, "param", {}))


def test_without_smtp_the_page_is_a_mail_catcher_with_clickable_links(app, sign_in):  # noqa: F811
    """A client's one-time link is kept and clickable: nobody else can ever receive it."""
    row_id = send(app, "ana@example.ro", "Your offer", secret=True,
                  text="Accept it at https://crm.example/l/CAUGHT-TOKEN",
                  html="<p><a href='https://crm.example/l/CAUGHT-TOKEN'>Accept</a></p>")
    row = load(app, MailMessage, row_id)
    assert row.status == "unsent" and "CAUGHT-TOKEN" in row.text_body  # not wiped

    assert sign_in("nina").get(f"/admin/mail/{row_id}").status_code == 403
    clerk = sign_in("carl", ["core.mail.read"])
    listing = clerk.get("/admin/mail/").get_data(as_text=True)
    assert "data-caught" in listing and "Not sent — no SMTP" in listing
    page = clerk.get(f"/admin/mail/{row_id}").get_data(as_text=True)
    assert "Not sent — no SMTP" in page
    assert '<a href="https://crm.example/l/CAUGHT-TOKEN" rel="noopener noreferrer"' in page
    assert "CAUGHT-TOKEN" in clerk.get(f"/admin/mail/{row_id}/html").get_data(as_text=True)


@pytest.mark.parametrize("app", [{"KONTORA_SMTP_URL": f"smtp://127.0.0.1:{free_port()}"}],
                         indirect=True)
def test_a_caught_secret_is_hidden_once_smtp_is_configured(app, make_app, sign_in):  # noqa: F811
    """Configuring SMTP ends the trial: one-time links caught before are no longer shown."""
    row_id = send(make_app(), "ana@example.ro", "Your link", text="https://x/l/OLD-TOKEN",
                  html="<p>https://x/l/OLD-TOKEN</p>", secret=True)
    clerk = sign_in("carl", ["core.mail.read"])
    page = clerk.get(f"/admin/mail/{row_id}").get_data(as_text=True)
    assert "OLD-TOKEN" not in page and "data-secret" in page
    assert clerk.get(f"/admin/mail/{row_id}/html").status_code == 404
