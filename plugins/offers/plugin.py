"""Manifest, contents and behaviour hooks of the ``offers`` plugin.

An offer is for a client (``parties``) or a lead. ``offers`` does not depend on ``leads``:
a lead is named by its id and read only through the document-content protocol, and the
conversion lead -> offer is declared here because ``offers`` owns the target.
"""

from __future__ import annotations

from typing import Any

from core import Contents, Manifest, hookimpl
from core.db.merge import move_rows
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.jobs import Periodic
from plugins.offers.content import offer_content
from plugins.offers.merge_tags import merge_tags
from plugins.offers.models import Offer
from plugins.offers.offered import offered_services
from plugins.offers.panels import profile_sections
from plugins.offers.portal_views import portal_sections

manifest = Manifest(
    name="offers",
    title="Offers",
    version="1.0",
    depends=["parties", "catalog", "activities"],
    description="Offers to leads and clients with catalogue lines and totals per VAT rate, "
    "or free text with merge tags; numbered and sent by e-mail with the PDF and a client "
    "link to accept or decline; revisions; conversion into orders, contracts and invoices.",
)

contents = Contents(
    models=["plugins.offers.models"],
    record_kinds=["plugins.offers.kinds:record_kinds"],
    document_kinds=["plugins.offers.documents:document_kinds"],
    signals=["plugins.offers.signals:SIGNALS"],
    receivers=[("leads.lead-converted", "plugins.offers.receivers:on_lead_converted")],
    permissions=[
        ("offers.read", _l("See offers")),
        ("offers.write", _l("Create and change offers")),
        ("offers.send", _l("Send offers to clients")),
        ("offers.convert", _l("Create offers from leads")),
        ("offers.delete", _l("Delete draft offers")),
        ("offers.configure", _l("Keep the named offer texts")),
    ],
    roles={
        "sales_manager": ["offers.*"],
        "salesperson": ["offers.read", "offers.write", "offers.send", "offers.convert"],
        "accountant": ["offers.read"],
    },
    blueprints=["plugins.offers.views:bp", "plugins.offers.public:bp",
                "plugins.offers.portal_views:bp"],
    api_blueprints=["plugins.offers.api:bp"],
    menu=[{"label": _l("Offers"), "endpoint": "offers.offer_list", "group": _l("Sales"),
           "order": 20, "permission": "offers.read", "icon": "file-earmark-text"},
          {"label": _l("Offer texts"), "endpoint": "offers.text_list",
           "group": _l("Administration"), "order": 925, "permission": "offers.configure",
           "icon": "card-text"}],
    link_purposes="plugins.offers.public:PURPOSES",
    number_series=["plugins.offers.services.sending:SERIES"],
    conversions=["plugins.offers.conversions:CONVERSIONS"],
    jobs="plugins.offers.jobs:JOBS",
    periodic_jobs=[Periodic(job="offers.expire", cron="15 0 * * *")],
    after_upgrade=["plugins.offers.seed:seed_offer_texts"],
    demo_data=["plugins.offers.seed:seed_offer_texts", "plugins.offers.demo:add_demo_offers"],
)


@hookimpl
def kontora_merge_tags(kind: str) -> list[dict[str, Any]]:
    return merge_tags(kind)


@hookimpl
def kontora_document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    if kind != "offers.offer":
        return None

    return offer_content(record_id)


@hookimpl
def kontora_offered_services(date_from: Any, date_to: Any,
                             owner_id: int | None) -> list[dict[str, Any]]:
    return offered_services(date_from, date_to, owner_id)


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    return profile_sections(party_id)


@hookimpl
def kontora_merge_records(kind: str, source_id: int, target_id: int,
                          session: Any) -> list[dict[str, Any]]:
    if kind != "parties.client":
        return []

    moved = move_rows(session, Offer.__table__, "party_id", source_id, target_id)
    return [{"label": _("Offers"), "count": moved}] if moved else []


@hookimpl
def kontora_home_cards(principal: Any) -> list[dict[str, Any]]:
    from plugins.offers.home import offers_card

    return offers_card(principal)


@hookimpl
def kontora_portal_sections() -> list[dict[str, Any]]:
    return portal_sections()
