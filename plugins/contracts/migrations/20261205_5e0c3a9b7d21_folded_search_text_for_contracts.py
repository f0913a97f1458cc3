"""Folded search text for contracts and acceptance protocols

``search_text`` holds a contract's title, number, reference and notes, and a protocol's
number, source reference and remarks, in lower case without diacritics (``core.db.search``),
so lists and the global search find "Brașov" when "brasov" is typed; existing rows are filled
here. On PostgreSQL a trigram index serves it.

Revision ID: 5e0c3a9b7d21
Revises: 81879adaba77
Create Date: 2026-12-05 14:30:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

from core.db.search import add_search_text, drop_search_text

revision: str = '5e0c3a9b7d21'
down_revision: str | Sequence[str] | None = '81879adaba77'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_search_text(op, "contracts_contract", ('title', 'number', 'reference', 'notes'))
    add_search_text(op, "contracts_protocol", ('number', 'source_reference', 'remarks'))


def downgrade() -> None:
    drop_search_text(op, "contracts_protocol")
    drop_search_text(op, "contracts_contract")
