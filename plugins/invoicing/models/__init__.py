"""Models of the ``invoicing`` plugin."""

from plugins.invoicing.models.document import BillingDocument, CreditNote, Invoice, Proforma
from plugins.invoicing.models.line import InvoiceLine
from plugins.invoicing.models.rate import ExchangeRate

__all__ = ["BillingDocument", "CreditNote", "ExchangeRate", "Invoice", "InvoiceLine",
           "Proforma"]
