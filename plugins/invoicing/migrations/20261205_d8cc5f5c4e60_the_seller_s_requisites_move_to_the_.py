"""The seller's requisites move to the company profile

The kernel's company profile now holds every requisite an invoice needs, so the seller row
is copied onto it (the seller's values win where both are filled: they are the ones issued
invoices printed) and its table is dropped. Issued invoices keep their own frozen copy.

Revision ID: d8cc5f5c4e60
Revises: b7e2c4a91d30
Create Date: 2026-12-05 02:26:58.514245+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'd8cc5f5c4e60'
down_revision: str | Sequence[str] | None = 'b7e2c4a91d30'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = 'd0ee7e9e2865'

COPIED = ('name', 'vat_number', 'tax_id', 'trade_register_no', 'vat_payer', 'street', 'city',
          'region', 'postal_code', 'country', 'currency', 'email', 'phone')


def _columns() -> list[sa.Column]:
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('vat_number', sa.String(length=32), nullable=True),
        sa.Column('tax_id', sa.String(length=32), nullable=True),
        sa.Column('trade_register_no', sa.String(length=64), nullable=True),
        sa.Column('vat_payer', sa.Boolean(), nullable=False),
        sa.Column('street', sa.String(length=200), nullable=False),
        sa.Column('city', sa.String(length=100), nullable=False),
        sa.Column('region', sa.String(length=100), nullable=True),
        sa.Column('postal_code', sa.String(length=20), nullable=True),
        sa.Column('country', sa.String(length=2), nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('iban', sa.String(length=34), nullable=True),
        sa.Column('bank_name', sa.String(length=200), nullable=True),
        sa.Column('email', sa.String(length=254), nullable=True),
        sa.Column('phone', sa.String(length=40), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    ]


def _profile() -> sa.Table:
    return sa.table(
        'core_company_profile', sa.column('id', sa.Integer()), sa.column('details', sa.Text()),
        sa.column('kind', sa.String()), sa.column('bank_accounts', sa.JSON()),
        sa.column('created_at', sa.DateTime(timezone=True)),
        sa.column('updated_at', sa.DateTime(timezone=True)),
        *(sa.column(name) for name in COPIED))


def upgrade() -> None:
    bind = op.get_bind()
    seller = sa.table('invoicing_seller', *(sa.column(c.name, c.type) for c in _columns()))
    profile = _profile()
    row = bind.execute(sa.select(seller).where(seller.c.id == 1)).mappings().first()
    if row is not None:
        values = {name: row[name] for name in COPIED if row[name] not in (None, '')}
        if row['iban']:
            values['bank_accounts'] = [{'bank': row['bank_name'] or '', 'iban': row['iban'],
                                        'bic': '', 'currency': row['currency']}]
        if bind.execute(sa.select(profile.c.id).where(profile.c.id == 1)).first() is None:
            bind.execute(profile.insert().values(
                id=1, details='', kind='legal_entity', created_at=row['created_at'],
                updated_at=row['updated_at'], **{'bank_accounts': [], **values}))
        else:
            bind.execute(profile.update().where(profile.c.id == 1)
                         .values(updated_at=row['updated_at'], **values))
    op.drop_table('invoicing_seller')


def downgrade() -> None:
    op.create_table('invoicing_seller', *_columns(),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoicing_seller')),
                    sqlite_autoincrement=True)
    bind = op.get_bind()
    profile = _profile()
    row = bind.execute(sa.select(profile).where(profile.c.id == 1)).mappings().first()
    if row is None:
        return
    account = (row['bank_accounts'] or [{}])[0]
    seller = sa.table('invoicing_seller', *(sa.column(c.name, c.type) for c in _columns()))
    bind.execute(seller.insert().values(
        id=1, iban=account.get('iban'), bank_name=account.get('bank') or None,
        created_at=row['created_at'], updated_at=row['updated_at'],
        **{name: row[name] for name in COPIED}))
