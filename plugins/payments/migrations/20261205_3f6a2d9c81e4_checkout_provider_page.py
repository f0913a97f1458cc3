"""A checkout keeps the provider's page made for it

Revision ID: 3f6a2d9c81e4
Revises: 11e93dd7981b
Create Date: 2026-12-05 13:10:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '3f6a2d9c81e4'
down_revision: str | Sequence[str] | None = '11e93dd7981b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('payments_checkout', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_url', sa.String(length=2048), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('payments_checkout', schema=None) as batch_op:
        batch_op.drop_column('session_url')
