"""Every state change of invoicing: validate, check, write, audit, announce.

Views, the API, conversions and jobs call these.
"""

from plugins.invoicing.services.documents import (
    add_line,
    create_invoice,
    delete_invoice,
    remove_line,
    update_invoice,
    update_line,
)
from plugins.invoicing.services.issuing import (
    cancel_proforma,
    credit_invoice,
    issue,
    issue_invoice,
)
from plugins.invoicing.services.rates import import_bnr_xml, rate_on, recent_rates, set_rate
from plugins.invoicing.services.sending import send_invoice

__all__ = [
    "add_line",
    "cancel_proforma",
    "create_invoice",
    "credit_invoice",
    "delete_invoice",
    "import_bnr_xml",
    "issue",
    "issue_invoice",
    "rate_on",
    "recent_rates",
    "remove_line",
    "send_invoice",
    "set_rate",
    "update_invoice",
    "update_line",
]
