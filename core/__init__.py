"""Kontora kernel: the services every plugin stands on.

A plugin writes ``from core import hookimpl`` and never reaches into the
kernel's private modules for anything this package re-exports.
"""

from core.hookspecs import hookimpl, hookspec
from core.registry import Manifest

__version__ = "0.1.0"

__all__ = ["Manifest", "__version__", "create_app", "hookimpl", "hookspec"]


def create_app(config=None, extra_plugins=()):
    """Build the Flask application (see :func:`core.app.create_app`)."""
    from core.app import create_app as _create_app

    return _create_app(config, extra_plugins)
