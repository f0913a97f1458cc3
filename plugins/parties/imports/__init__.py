"""Importing clients and contacts from CSV, XLSX and vCard files."""
