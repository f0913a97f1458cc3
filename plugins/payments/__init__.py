"""Payments: bank transfers, cash with receipts, POS and card online, allocated to invoices."""
