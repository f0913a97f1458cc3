"""Trigram indexes for the offer search

The offer list's search box matches ``ILIKE '%word%'`` over number and title, which no
B-tree serves: the page's count read every offer (300 ms at 50,000 offers, see
docs/benchmarks.md). On PostgreSQL a GIN trigram index per column serves it; SQLite has
none and keeps scanning.

Revision ID: 6f0e3b1c9a57
Revises: 50c01db2b091
Create Date: 2026-12-05 10:00:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '6f0e3b1c9a57'
down_revision: str | Sequence[str] | None = '50c01db2b091'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = ("number", "title")


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if _postgresql():
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in SEARCHED:
            op.create_index(f"ix_offers_offer_{column}_trgm", "offers_offer", [column],
                            postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"})


def downgrade() -> None:
    if _postgresql():
        for column in SEARCHED:
            op.drop_index(f"ix_offers_offer_{column}_trgm", table_name="offers_offer")
