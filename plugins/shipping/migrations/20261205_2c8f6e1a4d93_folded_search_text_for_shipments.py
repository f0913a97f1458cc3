"""Folded search text for shipments

``search_text`` holds the number, tracking number, delivery address and notes in lower case
without diacritics (``core.db.search``), so lists and the global search find "Brașov" when "brasov" is typed;
existing rows are filled here. On PostgreSQL a trigram index serves it.

Revision ID: 2c8f6e1a4d93
Revises: 402fa7a353bc
Create Date: 2026-12-05 14:30:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

from core.db.search import add_search_text, drop_search_text

revision: str = '2c8f6e1a4d93'
down_revision: str | Sequence[str] | None = '402fa7a353bc'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = ('number', 'tracking_number', 'delivery_address', 'notes')


def upgrade() -> None:
    add_search_text(op, "shipping_shipment", SEARCHED)


def downgrade() -> None:
    drop_search_text(op, "shipping_shipment")
