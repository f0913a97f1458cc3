"""Folded search text for clients and contacts

``search_text`` holds the searched fields in lower case without diacritics
(``core.db.search``); existing rows are filled here. On PostgreSQL one trigram index on it
replaces the five per-column ones.

Revision ID: 96c9faaf6d7d
Revises: 9c396f1ed49f
Create Date: 2026-12-05 02:10:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.db.search import MAX_LENGTH, fill_search_text

revision: str = '96c9faaf6d7d'
down_revision: str | Sequence[str] | None = '9c396f1ed49f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = {"parties_client": ("name", "tax_id", "vat_number", "email", "phone"),
            "parties_contact": ("name", "job_title")}


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    for table_name, fields in SEARCHED.items():
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.add_column(sa.Column('search_text', sa.String(length=MAX_LENGTH),
                                          server_default='', nullable=False))
        fill_search_text(op.get_bind(), table_name, fields)
    if _postgresql():
        for column in SEARCHED["parties_client"]:
            op.drop_index(f"ix_parties_client_{column}_trgm", table_name="parties_client")
        for table_name in SEARCHED:
            op.create_index(f"ix_{table_name}_search_text_trgm", table_name, ["search_text"],
                            postgresql_using="gin",
                            postgresql_ops={"search_text": "gin_trgm_ops"})


def downgrade() -> None:
    if _postgresql():
        for table_name in SEARCHED:
            op.drop_index(f"ix_{table_name}_search_text_trgm", table_name=table_name)
        for column in SEARCHED["parties_client"]:
            op.create_index(f"ix_parties_client_{column}_trgm", "parties_client", [column],
                            postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"})
    for table_name in SEARCHED:
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.drop_column('search_text')
