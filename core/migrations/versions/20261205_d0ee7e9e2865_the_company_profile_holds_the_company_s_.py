"""The company profile holds the company's requisites, bank accounts and stamp

Revision ID: d0ee7e9e2865
Revises: 5e1f0c2a7b93
Create Date: 2026-12-05 02:10:46.891493+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'd0ee7e9e2865'
down_revision: str | Sequence[str] | None = '5e1f0c2a7b93'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('core_company_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='legal_entity', nullable=False))
        batch_op.add_column(sa.Column('country', sa.String(length=2), server_default='RO', nullable=False))
        batch_op.add_column(sa.Column('tax_id', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('vat_number', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('currency', sa.String(length=3), server_default='RON', nullable=False))
        batch_op.add_column(sa.Column('vat_payer', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('trade_register_no', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('street', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('city', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('region', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('postal_code', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('phone', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('website', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('bank_accounts', sa.JSON(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('stamp', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('stamp_type', sa.String(length=32), nullable=True))

def downgrade() -> None:
    with op.batch_alter_table('core_company_profile', schema=None) as batch_op:
        batch_op.drop_column('stamp_type')
        batch_op.drop_column('stamp')
        batch_op.drop_column('bank_accounts')
        batch_op.drop_column('website')
        batch_op.drop_column('phone')
        batch_op.drop_column('email')
        batch_op.drop_column('postal_code')
        batch_op.drop_column('region')
        batch_op.drop_column('city')
        batch_op.drop_column('street')
        batch_op.drop_column('trade_register_no')
        batch_op.drop_column('vat_payer')
        batch_op.drop_column('currency')
        batch_op.drop_column('vat_number')
        batch_op.drop_column('tax_id')
        batch_op.drop_column('country')
        batch_op.drop_column('kind')
