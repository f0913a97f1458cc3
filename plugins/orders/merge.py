"""When two clients are merged, their orders follow the client that stays."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from core.i18n import gettext as _
from plugins.orders.models import Order


def move_client_orders(kind: str, source_id: int, target_id: int,
                       session: Any) -> list[dict[str, Any]]:
    if kind != "parties.client":
        return []
    moved = session.execute(update(Order).where(Order.party_id == source_id)
                            .values(party_id=target_id)
                            .execution_options(synchronize_session=False)).rowcount
    return [{"label": _("Orders"), "count": moved}] if moved else []
