"""Alembic environment script, run by :mod:`core.migrations.commands` (never ``alembic``)."""

from alembic import context

from core.migrations.environment import run_migrations

run_migrations(context)
