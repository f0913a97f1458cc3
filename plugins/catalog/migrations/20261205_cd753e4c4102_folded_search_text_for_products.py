"""Folded search text for products

``search_text`` holds the name, code and description in lower case without diacritics
(``core.db.search``), so lists and the global search find "Brașov" when "brasov" is typed;
existing rows are filled here. On PostgreSQL a trigram index serves it.

Revision ID: cd753e4c4102
Revises: 7c78295c057c
Create Date: 2026-12-05 13:00:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

from core.db.search import add_search_text, drop_search_text

revision: str = 'cd753e4c4102'
down_revision: str | Sequence[str] | None = '7c78295c057c'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = ('name', 'code', 'description')

def upgrade() -> None:
    add_search_text(op, "catalog_product", SEARCHED)


def downgrade() -> None:
    drop_search_text(op, "catalog_product")
