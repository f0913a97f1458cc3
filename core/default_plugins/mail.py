"""Outgoing mail as a default plugin: tables, the sending job, signals, pages, API, panel."""

from __future__ import annotations

from typing import Any

from core.hookspecs import hookimpl

MAIL_SIGNALS = {
    "core.mail-sent": "Sent when an e-mail was accepted by the SMTP server. Sender: the kind "
    "of the record it is about (None when about none). Keyword arguments: record_id, "
    "message_id (the core_mail_message id), status ('sent').",
    "core.mail-failed": "Sent when an e-mail cannot be delivered: refused for good, failing "
    "after its last retry, or kept because no SMTP server is configured. Sender: the kind of "
    "the record it is about (None when about none). Keyword arguments: record_id, message_id "
    "(the core_mail_message id), status ('failed' or 'unsent').",
}


@hookimpl
def kontora_models() -> None:
    import core.mail.models  # noqa: F401


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    for name, doc in MAIL_SIGNALS.items():
        events.declare(name, doc)


@hookimpl
def kontora_signal_receivers(events: Any) -> None:
    from core.mail.service import on_job_failed

    events.connect("core.job-failed", on_job_failed)


@hookimpl
def kontora_jobs() -> dict[str, Any]:
    from core.mail.service import SEND_JOB, deliver

    return {SEND_JOB: deliver}


@hookimpl
def kontora_permissions() -> list[tuple[str, str]]:
    from core.i18n import lazy_gettext as _l

    return [("core.mail.read", _l("See outgoing e-mail")),
            ("core.mail.resend", _l("Send failed e-mail again"))]


@hookimpl
def kontora_blueprints() -> list[Any]:
    from core.mail.views import bp

    return [bp]


@hookimpl
def kontora_api_blueprints() -> list[Any]:
    from core.mail.api import bp

    return [bp]


@hookimpl
def kontora_menu_entries() -> list[dict[str, Any]]:
    from core.i18n import lazy_gettext as _l

    return [{"label": _l("Outgoing mail"), "endpoint": "mail.index",
             "group": _l("Administration"), "order": 940, "permission": "core.mail.read",
             "icon": "envelope"}]


@hookimpl
def kontora_record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    from core.mail.views import record_panel

    panel = record_panel(kind, record_id)
    return [panel] if panel else []
