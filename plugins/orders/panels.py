"""The "Client thread" tab of the order page: what the client asked from the portal and
the staff's answers, with the form to answer."""

from __future__ import annotations

import secrets
from functools import partial
from typing import Any

from flask import g, render_template

from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from plugins.orders.services.common import KIND
from plugins.orders.services.thread import staff_thread

REFUSED_ANSWER = "orders_refused_answer"  # on ``g``: (values, errors) of a refused answer


def thread_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    principal = current_principal()
    if kind != KIND or principal is None or not principal.has("orders.read"):
        return []
    refused = g.get(REFUSED_ANSWER)
    return [{"key": "thread", "title": _l("Client thread"), "order": 15,
             "active": refused is not None,
             "render": partial(_render, principal, record_id, *(refused or ({}, {})))}]


def _render(principal: Any, order_id: int, values: dict[str, Any],
            errors: dict[str, list[str]]) -> str:
    return render_template("orders/_thread_panel.html", order_id=order_id,
                           thread=staff_thread(principal, order_id),
                           can_answer=principal.has("activities.write"),
                           token=values.get("token") or secrets.token_urlsafe(16),
                           values=values, errors=errors)
