"""Audit log is append-only on PostgreSQL

Revision ID: 0c3ec8b28d7d
Revises: add841553977
Create Date: 2026-11-24 04:44:06.774121+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0c3ec8b28d7d'
down_revision: str | Sequence[str] | None = 'add841553977'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# SQLite has no stored procedures; there the services are the only writers.
FUNCTION = """
CREATE OR REPLACE FUNCTION core_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_audit is append-only';
END
$$ LANGUAGE plpgsql
"""
TRIGGER = """
CREATE TRIGGER core_audit_append_only BEFORE UPDATE OR DELETE ON core_audit
FOR EACH ROW EXECUTE FUNCTION core_audit_append_only()
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(FUNCTION)
        op.execute(TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS core_audit_append_only ON core_audit")
        op.execute("DROP FUNCTION IF EXISTS core_audit_append_only()")
