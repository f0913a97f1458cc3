"""Receivers of core signals."""

from __future__ import annotations

from typing import Any


def remember_start(app: Any, plugins: list[str], **_kwargs: Any) -> None:
    """On ``core.app-ready``: keep the enabled plugins so the page can show what started."""
    app.extensions["partner_demo"] = {"started_with": list(plugins)}
