"""Sessions end on the server: a session generation per staff and portal account

Revision ID: 5e1f0c2a7b93
Revises: 9c43093a8b9b
Create Date: 2026-12-04 22:50:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5e1f0c2a7b93'
down_revision: str | Sequence[str] | None = '9c43093a8b9b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ('core_user', 'core_portal_user'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('session_generation', sa.Integer(),
                                          server_default='0', nullable=False))


def downgrade() -> None:
    for table in ('core_portal_user', 'core_user'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('session_generation')
