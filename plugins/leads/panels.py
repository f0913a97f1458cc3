"""What this plugin adds to record pages: a lead's contacts and calculator, and the
questionnaires of leads and clients."""

from __future__ import annotations

from typing import Any

from core.i18n import gettext as _
from core.identity import current_principal
from core.web.generic.sections import records_section


def record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    principal = current_principal()
    if principal is None or not principal.has("leads.read"):
        return []
    panels = []
    if kind == "leads.lead":
        from plugins.leads.views.leads import contacts_panel
        from plugins.leads.views.lines import lines_panel

        panels += [{"key": "lead-contacts", "title": _("Contact persons"), "order": 1,
                    "render": lambda: contacts_panel(record_id)},
                   {"key": "lead-lines", "title": _("Cost calculator"), "order": 2,
                    "render": lambda: lines_panel(record_id)},
                   questionnaire_panel(kind, record_id)]
    return panels


def questionnaire_panel(kind: str, record_id: int) -> dict[str, Any]:
    from plugins.leads.views.questionnaires import responses_panel

    return {"key": "questionnaires", "title": _("Questionnaires"), "order": 20,
            "render": lambda: responses_panel(kind, record_id)}


def profile_sections(party_id: int) -> list[dict[str, Any]]:
    """The leads and the questionnaires on a client's profile page."""

    principal = current_principal()
    if principal is None or not principal.has("leads.read"):
        return []
    return [*records_section("leads.lead", "client_id", party_id, title=_("Leads"), order=35),
            questionnaire_panel("parties.client", party_id)]
