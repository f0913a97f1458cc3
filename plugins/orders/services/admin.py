"""What admins configure: statuses added to the workflow, and the plugin's settings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.services import service, validate
from plugins.orders.exceptions import InvalidOrderData, StatusInUse
from plugins.orders.models import Order, OrderSettings, OrderStatus
from plugins.orders.schemas import StatusSchema
from plugins.orders.workflow import BUILT_IN, MAIN_PATH, STATUS_LABELS

CONFIGURE = "orders.configure"


def statuses() -> list[OrderStatus]:
    return list(session().scalars(select(OrderStatus).order_by(OrderStatus.position,
                                                                OrderStatus.id)))


@service(CONFIGURE)
def add_status(principal: Any, data: Any) -> OrderStatus:
    """Insert a status between two statuses of the main path (``after`` comes first)."""
    values = validate(StatusSchema(), data)
    errors: dict[str, list[str]] = {}
    if values["code"] in BUILT_IN or session().scalar(
            select(OrderStatus.id).where(OrderStatus.code == values["code"])):
        errors["code"] = [_("This code is taken.")]
    starts = MAIN_PATH[1:-1]
    if values["after"] not in starts:
        errors["after"] = [_("Choose one of: %(names)s.",
                             names=", ".join(str(STATUS_LABELS[s]) for s in starts))]
    elif values["before"] not in MAIN_PATH[MAIN_PATH.index(values["after"]) + 1:]:
        errors["before"] = [_("Choose a status that comes after “%(after)s”.",
                              after=STATUS_LABELS[values["after"]])]
    if errors:
        raise InvalidOrderData(errors)
    position = (session().scalar(select(func.max(OrderStatus.position))) or 0) + 1
    status = OrderStatus(position=position, **values)
    session().add(status)
    session().flush()
    return status


@service(CONFIGURE)
def remove_status(principal: Any, status_id: int) -> None:
    """Remove an added status; refused while orders are in it."""
    status = session().get(OrderStatus, status_id)
    if status is None:
        raise NotFound(_("There is no such status."))
    count = session().scalar(select(func.count()).select_from(Order)
                             .where(Order.status == status.code)) or 0
    if count:
        raise StatusInUse(status.label, count)
    session().delete(status)
    session().flush()


def settings() -> OrderSettings:
    """The installation's settings (defaults until an admin saves them)."""
    return session().get(OrderSettings, 1) or OrderSettings(id=1, create_on_acceptance=False,
                                                             send_on_acceptance=False)


@service(CONFIGURE)
def update_settings(principal: Any, *, create_on_acceptance: bool,
                    send_on_acceptance: bool = False) -> OrderSettings:
    row = session().get(OrderSettings, 1)
    if row is None:
        row = OrderSettings(id=1)
        session().add(row)
    row.create_on_acceptance = bool(create_on_acceptance)
    row.send_on_acceptance = bool(create_on_acceptance and send_on_acceptance)
    session().flush()
    return row
