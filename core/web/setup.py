"""Wiring the web shell into an application (called from the ``web`` default plugin)."""

from __future__ import annotations

from flask import Flask

from core.web import context, errors, templating


def init_app(app: Flask) -> None:
    templating.install(app)
    context.install(app)
    errors.register_error_handlers(app)
