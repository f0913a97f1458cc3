"""The tables of ``payments``: payments and their allocations, online checkouts and the
provider events already handled."""

from plugins.payments.models.online import Checkout, ProviderEvent
from plugins.payments.models.payment import Allocation, Payment

__all__ = ["Allocation", "Checkout", "Payment", "ProviderEvent"]
