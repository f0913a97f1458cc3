"""Invoices, proformas and credit notes: numbered at issue, immutable once issued, exported
as UBL 2.1 e-invoices (EN 16931, CIUS-RO)."""
