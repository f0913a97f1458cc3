"""Models of the ``invoicing`` plugin."""

from plugins.invoicing.models.document import BillingDocument, CreditNote, Invoice, Proforma
from plugins.invoicing.models.line import InvoiceLine
from plugins.invoicing.models.rate import ExchangeRate
from plugins.invoicing.models.schedule import BillingRun, BillingSchedule
from plugins.invoicing.models.transmission import EInvoiceTransmission

__all__ = ["BillingDocument", "BillingRun", "BillingSchedule", "CreditNote",
           "EInvoiceTransmission", "ExchangeRate", "Invoice", "InvoiceLine", "Proforma"]
