"""Numbering series as a default plugin: tables, permissions, default series from plugins."""

from __future__ import annotations

from typing import Any

from core.contents import Contents
from core.i18n import lazy_gettext as _l
from core.kernel import kontora
from core.numbering.api import bp as api_bp
from core.numbering.series import seed_series
from core.numbering.views import bp


def seed_default_series(session: Any) -> None:
    """Create the series plugins declare that do not exist yet (after upgrade, for demo)."""
    seed_series(session, kontora().collect("kontora_number_series"))


contents = Contents(
    models=["core.numbering.models"],
    permissions=[("core.numbering.admin", _l("Manage numbering series")),
                 ("core.numbering.audit", _l("See the numbers issued and the gap report"))],
    roles={"accountant": ["core.numbering.audit"]},
    blueprints=[bp],
    api_blueprints=[api_bp],
    menu=[{"label": _l("Numbering series"), "endpoint": "numbering.index",
           "group": _l("Administration"), "order": 955, "permission": "core.numbering.audit",
           "icon": "123"}],
    after_upgrade=[f"{__name__}:seed_default_series"],
    demo_data=[f"{__name__}:seed_default_series"],
)
