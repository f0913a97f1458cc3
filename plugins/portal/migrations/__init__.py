"""Alembic version branch of this plugin (``kontora db revision --plugin portal``)."""
