"""Kernel features written as plugins on the public hooks, so the hooks are used from day one.

They are registered first in every plugin manager, before the enabled business plugins.
"""

from core.default_plugins import api, conversions, i18n, kernel

DEFAULT_PLUGINS = [kernel, i18n, api, conversions]
