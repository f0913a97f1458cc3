"""Billing schedules of contracts and the runs that invoiced each period once

Revision ID: 5c1e9a7d2b64
Revises: d8cc5f5c4e60
Create Date: 2026-12-05 03:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5c1e9a7d2b64'
down_revision: str | Sequence[str] | None = 'd8cc5f5c4e60'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('invoicing_schedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_kind', sa.String(length=60), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('day_of_month', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('vat_rate', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('issue', sa.Boolean(), nullable=False),
    sa.Column('series', sa.String(length=40), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['set_by_id'], ['core_user.id'], name=op.f('fk_invoicing_schedule_set_by_id_core_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoicing_schedule')),
    sa.UniqueConstraint('source_kind', 'source_id', name=op.f('uq_invoicing_schedule_source_kind_source_id'))
    )
    op.create_table('invoicing_schedule_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('schedule_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['invoicing_document.id'], name=op.f('fk_invoicing_schedule_run_document_id_invoicing_document'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['schedule_id'], ['invoicing_schedule.id'], name=op.f('fk_invoicing_schedule_run_schedule_id_invoicing_schedule'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoicing_schedule_run')),
    sa.UniqueConstraint('schedule_id', 'period_start', name=op.f('uq_invoicing_schedule_run_schedule_id_period_start'))
    )


def downgrade() -> None:
    op.drop_table('invoicing_schedule_run')
    op.drop_table('invoicing_schedule')
