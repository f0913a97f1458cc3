"""Folded search text for leads

``search_text`` holds the title, company, person, e-mail and phone in lower case without
diacritics (``core.db.search``); existing leads are filled here. On PostgreSQL a trigram
index serves the search.

Revision ID: 5d1e0c7a9b42
Revises: 1bfac32e90b1
Create Date: 2026-12-05 02:45:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.db.search import MAX_LENGTH, fill_search_text

revision: str = '5d1e0c7a9b42'
down_revision: str | Sequence[str] | None = '1bfac32e90b1'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = ("title", "company_name", "person_name", "email", "phone")


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    with op.batch_alter_table('leads_lead', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.String(length=MAX_LENGTH),
                                      server_default='', nullable=False))
    fill_search_text(op.get_bind(), "leads_lead", SEARCHED)
    if _postgresql():
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.create_index("ix_leads_lead_search_text_trgm", "leads_lead", ["search_text"],
                        postgresql_using="gin", postgresql_ops={"search_text": "gin_trgm_ops"})


def downgrade() -> None:
    if _postgresql():
        op.drop_index("ix_leads_lead_search_text_trgm", table_name="leads_lead")
    with op.batch_alter_table('leads_lead', schema=None) as batch_op:
        batch_op.drop_column('search_text')
