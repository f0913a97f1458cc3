"""What the models of this plugin share."""

from __future__ import annotations


def one_of(column: str, values: tuple[str, ...]) -> str:
    """SQL for "``column`` holds one of ``values``" (a CHECK constraint body)."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"
