"""The tables of ``payments``: payments and their allocations, online checkouts and the
provider events already handled, the reminders sent, imported bank statements."""

from plugins.payments.models.online import Checkout, ProviderEvent
from plugins.payments.models.payment import Allocation, Payment
from plugins.payments.models.reminder import ReminderSent
from plugins.payments.models.statement import Statement, StatementLine

__all__ = ["Allocation", "Checkout", "Payment", "ProviderEvent", "ReminderSent", "Statement",
           "StatementLine"]
