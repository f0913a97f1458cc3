"""Mail that carries a one-time secret (a password-reset or client link) is marked

Revision ID: 9c43093a8b9b
Revises: 7d31d03890aa
Create Date: 2026-11-24 06:05:39.786200+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '9c43093a8b9b'
down_revision: str | Sequence[str] | None = '7d31d03890aa'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('core_mail_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('secret', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('core_mail_message', schema=None) as batch_op:
        batch_op.drop_column('secret')

