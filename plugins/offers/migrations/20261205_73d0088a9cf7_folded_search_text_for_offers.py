"""Folded search text for offers

``search_text`` holds the title and number in lower case without diacritics
(``core.db.search``), so lists and the global search find "Brașov" when "brasov" is typed;
existing rows are filled here. On PostgreSQL a trigram index serves it.

Revision ID: 73d0088a9cf7
Revises: 6f0e3b1c9a57
Create Date: 2026-12-05 13:00:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

from core.db.search import add_search_text, drop_search_text

revision: str = '73d0088a9cf7'
down_revision: str | Sequence[str] | None = '6f0e3b1c9a57'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = ('title', 'number')
REPLACED = {'ix_offers_offer_number_trgm': 'number', 'ix_offers_offer_title_trgm': 'title'}
"""Per-column trigram indexes the folded column replaces on PostgreSQL."""


def upgrade() -> None:
    add_search_text(op, "offers_offer", SEARCHED, replaced_indexes=tuple(REPLACED))


def downgrade() -> None:
    drop_search_text(op, "offers_offer", restored=REPLACED)
