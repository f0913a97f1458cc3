"""The "Client thread" tab of the order page: what the client asked from the portal and
the staff's answers, with the form to answer."""

from __future__ import annotations

import secrets
from functools import partial
from typing import Any

from flask import render_template

from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from plugins.orders.services.common import KIND
from plugins.orders.services.thread import staff_thread


def thread_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    principal = current_principal()
    if kind != KIND or principal is None or not principal.has("orders.read"):
        return []
    return [{"key": "thread", "title": _l("Client thread"), "order": 15,
             "render": partial(_render, principal, record_id)}]


def _render(principal: Any, order_id: int) -> str:
    return render_template("orders/_thread_panel.html", order_id=order_id,
                           thread=staff_thread(principal, order_id),
                           can_answer=principal.has("activities.write"),
                           token=secrets.token_urlsafe(16))
