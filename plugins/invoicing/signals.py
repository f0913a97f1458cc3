"""Signals the ``invoicing`` plugin announces (after commit); listeners connect by name."""

from __future__ import annotations

SIGNALS = {
    "invoicing.invoice-created": "A draft invoice or proforma was made (by hand or by "
    "conversion). Sender: the document id. Keyword arguments: principal_id, party_id, "
    "doc_type (\"invoice\", \"proforma\").",
    "invoicing.invoice-issued": "An invoice, credit note or proforma was issued: it has its "
    "number and never changes again. Sender: the document id. Keyword arguments: "
    "principal_id, party_id, number, doc_type, currency, total (gross, as a string).",
    "invoicing.invoice-credited": "A credit note was drafted against an issued invoice. "
    "Sender: the invoice id. Keyword arguments: principal_id, credit_note_id.",
    "invoicing.invoice-sent": "An issued document was e-mailed with its client link. "
    "Sender: the document id. Keyword arguments: principal_id, to.",
}
