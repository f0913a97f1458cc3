"""Folded search text for payments

``search_text`` holds the receipt number, reference and notes in lower case without diacritics
(``core.db.search``), so lists and the global search find "Brașov" when "brasov" is typed;
existing rows are filled here. On PostgreSQL a trigram index serves it.

Revision ID: 7b3d5f9e2a18
Revises: 3f6a2d9c81e4
Create Date: 2026-12-05 14:30:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

from core.db.search import add_search_text, drop_search_text

revision: str = '7b3d5f9e2a18'
down_revision: str | Sequence[str] | None = '3f6a2d9c81e4'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = ('receipt_number', 'reference', 'notes')


def upgrade() -> None:
    add_search_text(op, "payments_payment", SEARCHED)


def downgrade() -> None:
    drop_search_text(op, "payments_payment")
