"""Users may follow the browser's language

A NULL ``language`` on a staff or portal user means "no saved preference": the locale
selector then goes on to the session's switcher choice, Accept-Language and
KONTORA_LANGUAGE. Existing values are kept: an "en" saved before cannot be told apart from
one chosen on purpose.

Revision ID: 7d31d03890aa
Revises: 6a4bbf0cea58
Create Date: 2026-11-24 05:56:29.495820+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '7d31d03890aa'
down_revision: str | Sequence[str] | None = '6a4bbf0cea58'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("core_user", "core_portal_user")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('language', existing_type=sa.VARCHAR(length=8),
                                  nullable=True)


def downgrade() -> None:
    for table in TABLES:
        # The old schema has no "follow the browser": those users go back to English.
        op.execute(sa.text(f"UPDATE {table} SET language = 'en' WHERE language IS NULL"))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('language', existing_type=sa.VARCHAR(length=8),
                                  nullable=False)
