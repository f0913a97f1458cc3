"""Mail tests: a real SMTP server, an app sending to it, and the signals it announced."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.db import session
from core.kernel import kontora
from core.mail import send_mail
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)


@pytest.fixture
def mail_app(make_app: Callable[..., Any], smtp_inbox: Inbox) -> Any:  # noqa: F811
    """An app whose mail goes to the test SMTP server."""
    return make_app(KONTORA_SMTP_URL=smtp_inbox.url,
                    KONTORA_MAIL_FROM="Kontora Vânzări <sales@kontora.example>")


@pytest.fixture
def announced(mail_app: Any) -> list[tuple[str, Any, dict]]:
    """Every ``core.mail-sent`` / ``core.mail-failed`` the app announces, in order."""
    seen: list[tuple[str, Any, dict]] = []
    for name in ("core.mail-sent", "core.mail-failed"):
        kontora(mail_app).events.connect(
            name, lambda sender, _name=name, **kw: seen.append((_name, sender, kw)))
    return seen


def send(app: Any, *args: Any, **kwargs: Any) -> int:
    """``send_mail`` in a unit of work of its own (committed, so the job runs); the row id."""
    with app.app_context(), kontora(app).db.unit():
        return send_mail(*args, **kwargs).id


def load(app: Any, model: Any, row_id: int) -> Any:
    with app.app_context(), kontora(app).db.unit():
        row = session().get(model, row_id)
        if hasattr(row, "attachments"):
            list(row.attachments)
        return row
