"""create greeting

Revision ID: 5e2b7c1d9a40
Revises:
Create Date: 2026-11-24 05:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e2b7c1d9a40"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("partner_demo",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "partner_demo_greeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_demo_greeting")),
    )


def downgrade() -> None:
    op.drop_table("partner_demo_greeting")
