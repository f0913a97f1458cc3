"""Folded search text for complaints

``search_text`` holds the number, description and resolution in lower case without diacritics
(``core.db.search``), so lists and the global search find "Brașov" when "brasov" is typed;
existing rows are filled here. On PostgreSQL a trigram index serves it.

Revision ID: 9a41d7e2c0b5
Revises: 590483987bc2
Create Date: 2026-12-05 14:30:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

from core.db.search import add_search_text, drop_search_text

revision: str = '9a41d7e2c0b5'
down_revision: str | Sequence[str] | None = '590483987bc2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = ('number', 'description', 'resolution')


def upgrade() -> None:
    add_search_text(op, "complaints_complaint", SEARCHED)


def downgrade() -> None:
    drop_search_text(op, "complaints_complaint")
