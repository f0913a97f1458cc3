"""Note number, given by a numbering series when a note is issued.

Revision ID: 5e1d0c2b7a41
Revises: 1037cec7a9a7
Create Date: 2026-11-24 05:40:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5e1d0c2b7a41'
down_revision: str | Sequence[str] | None = '1037cec7a9a7'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('sample_note', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sample_note', schema=None) as batch_op:
        batch_op.drop_column('number')
