"""E-invoice transmissions to a national platform, one per issued invoice or credit note

Revision ID: b7e2c4a91d30
Revises: 40dfb769a64d
Create Date: 2026-12-05 02:20:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'b7e2c4a91d30'
down_revision: str | Sequence[str] | None = '40dfb769a64d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('invoicing_transmission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('transmitter', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('reference', sa.String(length=200), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['invoicing_document.id'], name=op.f('fk_invoicing_transmission_document_id_invoicing_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoicing_transmission')),
    sa.UniqueConstraint('document_id', name=op.f('uq_invoicing_transmission_document_id'))
    )


def downgrade() -> None:
    op.drop_table('invoicing_transmission')
