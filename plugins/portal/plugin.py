"""Manifest and contents of the ``portal`` plugin.

Portal pages live on their own blueprint under ``/portal`` with their own layout; what a
client sees there comes from the other enabled plugins through ``kontora_portal_sections``.
Staff invite a client's contacts from the client's profile or through the REST API.
"""

from __future__ import annotations

from typing import Any

from core import Contents, Manifest, hookimpl
from core.i18n import lazy_gettext as _l
from plugins.portal.sections import portal_users_section

manifest = Manifest(
    name="portal",
    title="Client portal",
    version="1.0",
    depends=["parties"],
    description="A client's contact people sign in (password or e-mailed magic link) and "
    "see only their client's records: the sections other plugins contribute.",
)

contents = Contents(
    models=["plugins.portal.models"],
    permissions=[("portal.invite", _l("Invite a client's contacts to the client portal")),
                 ("portal.view_as", _l("See the client portal as a client sees it"))],
    roles={"sales_manager": ["portal.invite", "portal.view_as"],
           "salesperson": ["portal.invite"]},
    blueprints=["plugins.portal.views:bp"],
    api_blueprints=["plugins.portal.api:bp"],
    link_purposes={"portal.invitation": "portal.accept_invitation",
                   "portal.magic-link": "portal.magic_sign_in"},
)


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    return portal_users_section(party_id)
