"""Bank statements: CAMT.052/053/054 and MT940 parsed into neutral lines, imported once,
matched to open invoices, and the rest settled by hand."""

from plugins.payments.statements.parsed import ParsedLine, ParsedStatement, StatementError

__all__ = ["ParsedLine", "ParsedStatement", "StatementError"]
