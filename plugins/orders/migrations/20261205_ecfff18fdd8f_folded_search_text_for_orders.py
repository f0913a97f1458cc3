"""Folded search text for orders

``search_text`` holds the number, reference and notes in lower case without diacritics
(``core.db.search``), so lists and the global search find "Brașov" when "brasov" is typed;
existing rows are filled here. On PostgreSQL a trigram index serves it.

Revision ID: ecfff18fdd8f
Revises: ac691cc74a0e
Create Date: 2026-12-05 13:00:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

from core.db.search import add_search_text, drop_search_text

revision: str = 'ecfff18fdd8f'
down_revision: str | Sequence[str] | None = 'ac691cc74a0e'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = ('number', 'reference', 'notes')

def upgrade() -> None:
    add_search_text(op, "orders_order", SEARCHED)


def downgrade() -> None:
    drop_search_text(op, "orders_order")
