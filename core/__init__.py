"""Kontora kernel: the services every plugin stands on.

A plugin writes ``from core import hookimpl`` and never reaches into the kernel's private
modules for anything this package re-exports. The application factory is
``core.app:create_app``; this package imports nothing above the kernel's bottom layer.
"""

from core.contents import Contents
from core.hookspecs import hookimpl, hookspec
from core.registry import Manifest

__version__ = "0.1.0"

__all__ = ["Contents", "Manifest", "__version__", "hookimpl", "hookspec"]
