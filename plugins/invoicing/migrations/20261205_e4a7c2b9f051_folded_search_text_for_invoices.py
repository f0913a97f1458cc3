"""Folded search text for invoices, credit notes and proformas

``search_text`` holds the number, reference and notes in lower case without diacritics
(``core.db.search``), so the global search and the API find "Brașov" when "brasov" is typed;
existing rows are filled here. On PostgreSQL a trigram index serves it.

Issued documents are filled too: the immutability triggers compare only the protected
columns (``PROTECTED_COLUMNS``), which ``search_text`` is not one of, so they stay as they
are. The searched columns are all protected, so an issued document's ``search_text`` never
needs to change again. Going back on SQLite rebuilds the table, which its triggers (and the
lines' triggers naming it) do not survive, so they are dropped and made again around it.

Revision ID: e4a7c2b9f051
Revises: 5c1e9a7d2b64
Create Date: 2026-12-05 14:30:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

from core.db.search import add_search_text, drop_search_text
from plugins.invoicing.immutability import statements

revision: str = 'e4a7c2b9f051'
down_revision: str | Sequence[str] | None = '5c1e9a7d2b64'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = ('number', 'reference', 'notes')


def upgrade() -> None:
    add_search_text(op, "invoicing_document", SEARCHED)


def downgrade() -> None:
    rebuilt = op.get_bind().dialect.name == "sqlite"
    create, drop = statements("sqlite")
    for statement in drop if rebuilt else ():
        op.execute(statement)
    drop_search_text(op, "invoicing_document")
    for statement in create if rebuilt else ():
        op.execute(statement)
