"""Outgoing mail as a default plugin: tables, the sending job, signals, pages, API, panel."""

from __future__ import annotations

from typing import Any

from core.contents import Contents
from core.hookspecs import hookimpl
from core.i18n import lazy_gettext as _l
from core.mail.api import bp as api_bp
from core.mail.service import SEND_JOB, deliver
from core.mail.views import bp, record_panel

MAIL_SIGNALS = {
    "core.mail-sent": "Sent when an e-mail was accepted by the SMTP server. Sender: the kind "
    "of the record it is about (None when about none). Keyword arguments: record_id, "
    "message_id (the core_mail_message id), status ('sent').",
    "core.mail-failed": "Sent when an e-mail cannot be delivered: refused for good, failing "
    "after its last retry, or kept because no SMTP server is configured. Sender: the kind of "
    "the record it is about (None when about none). Keyword arguments: record_id, message_id "
    "(the core_mail_message id), status ('failed' or 'unsent').",
}

contents = Contents(
    models=["core.mail.models"],
    signals=[f"{__name__}:MAIL_SIGNALS"],
    receivers=[("core.job-failed", "core.mail.service:on_job_failed")],
    jobs={SEND_JOB: deliver},
    permissions=[("core.mail.read", _l("See outgoing e-mail")),
                 ("core.mail.resend", _l("Send failed e-mail again"))],
    blueprints=[bp],
    api_blueprints=[api_bp],
    menu=[{"label": _l("Outgoing mail"), "endpoint": "mail.index",
           "group": _l("Administration"), "order": 940, "permission": "core.mail.read",
           "icon": "envelope"}],
)


@hookimpl
def kontora_record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    panel = record_panel(kind, record_id)
    return [panel] if panel else []
