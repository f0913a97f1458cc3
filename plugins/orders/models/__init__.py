"""Models of the ``orders`` plugin."""

from plugins.orders.models.message import OrderMessage
from plugins.orders.models.order import Order, OrderLine
from plugins.orders.models.settings import OrderSettings, OrderStatus

__all__ = ["Order", "OrderLine", "OrderMessage", "OrderSettings", "OrderStatus"]
