"""Kernel features written as plugins on the public hooks, so the hooks are used from day one.

They are registered first in every plugin manager, before the enabled business plugins.
"""

from core.default_plugins import (
    api,
    audit,
    conversions,
    documents,
    i18n,
    identity,
    jobs,
    kernel,
    links,
    mail,
    merge,
    numbering,
    web,
)

DEFAULT_PLUGINS = [kernel, identity, audit, i18n, jobs, api, conversions, web, merge, mail,
                   documents, numbering, links]
