"""Board columns paged by stage entry

A board column lists one stage's leads, latest arrivals first, a page at a time by keyset
(``(stage_entered_at, id) < (v, i)``); ``(stage_id, stage_entered_at, id)`` serves that
range and every lookup by stage that ``(stage_id, id)`` served.

Revision ID: 8c41d2e07b3a
Revises: 5d1e0c7a9b42
Create Date: 2026-12-05 09:50:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '8c41d2e07b3a'
down_revision: str | Sequence[str] | None = '5d1e0c7a9b42'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('leads_lead', schema=None) as batch_op:
        batch_op.create_index('ix_leads_lead_stage_entered',
                              ['stage_id', 'stage_entered_at', 'id'], unique=False)
        batch_op.drop_index('ix_leads_lead_stage')


def downgrade() -> None:
    with op.batch_alter_table('leads_lead', schema=None) as batch_op:
        batch_op.create_index('ix_leads_lead_stage', ['stage_id', 'id'], unique=False)
        batch_op.drop_index('ix_leads_lead_stage_entered')
