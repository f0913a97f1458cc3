"""What this plugin adds to record pages: contacts and calculator tabs on a lead's page."""

from __future__ import annotations

from typing import Any

from core.i18n import gettext as _


def record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    from core.identity import current_principal

    principal = current_principal()
    if principal is None or not principal.has("leads.read"):
        return []
    if kind == "leads.lead":
        from plugins.leads.views.leads import contacts_panel
        from plugins.leads.views.lines import lines_panel

        return [{"key": "lead-contacts", "title": _("Contact persons"), "order": 1,
                 "render": lambda: contacts_panel(record_id)},
                {"key": "lead-lines", "title": _("Cost calculator"), "order": 2,
                 "render": lambda: lines_panel(record_id)}]
    return []
