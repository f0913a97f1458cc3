"""questionnaire links are not kept in plain text

Revision ID: 9391a490faf5
Revises: 42aa3045b67e
Create Date: 2026-11-24 06:01:35.104802+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '9391a490faf5'
down_revision: str | Sequence[str] | None = '42aa3045b67e'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """The sent URL held the link's token in plain text; core.links keeps only its hash."""
    with op.batch_alter_table('leads_questionnaire_response', schema=None) as batch_op:
        batch_op.drop_column('link')


def downgrade() -> None:
    """The column comes back empty: the links themselves are gone for good."""
    with op.batch_alter_table('leads_questionnaire_response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('link', sa.VARCHAR(length=500), nullable=False,
                                      server_default=''))
