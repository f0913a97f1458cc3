"""Manifest and hooks of the ``offers`` plugin: the table of contents.

An offer is for a client (``parties``) or a lead. ``offers`` does not depend on ``leads``:
a lead is named by its id and read only through the document-content protocol, and the
conversion lead -> offer is declared here because ``offers`` owns the target.
"""

from __future__ import annotations

from typing import Any

from core import Manifest, hookimpl
from core.i18n import lazy_gettext as _l

manifest = Manifest(
    name="offers",
    title="Offers",
    version="1.0",
    depends=["parties", "catalog", "activities"],
    description="Offers to leads and clients with catalogue lines and totals per VAT rate, "
    "or free text with merge tags; numbered and sent by e-mail with the PDF and a client "
    "link to accept or decline; revisions; conversion into orders, contracts and invoices.",
)

PERMISSIONS = [
    ("offers.read", _l("See offers")),
    ("offers.write", _l("Create and change offers")),
    ("offers.send", _l("Send offers to clients")),
    ("offers.convert", _l("Create offers from leads")),
    ("offers.delete", _l("Delete draft offers")),
]


@hookimpl
def kontora_models() -> None:
    import plugins.offers.models  # noqa: F401


@hookimpl
def kontora_record_kinds() -> list:
    from plugins.offers.kinds import record_kinds

    return record_kinds()


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    from plugins.offers.signals import SIGNALS

    for name, doc in SIGNALS.items():
        events.declare(name, doc)


@hookimpl
def kontora_signal_receivers(events: Any) -> None:
    from plugins.offers.receivers import on_lead_converted

    events.connect("leads.lead-converted", on_lead_converted)


@hookimpl
def kontora_permissions() -> list[tuple[str, Any]]:
    return list(PERMISSIONS)


@hookimpl
def kontora_default_roles() -> dict[str, list[str]]:
    everything = [code for code, _label in PERMISSIONS]
    return {
        "sales_manager": everything,
        "salesperson": ["offers.read", "offers.write", "offers.send", "offers.convert"],
        "accountant": ["offers.read"],
    }


@hookimpl
def kontora_blueprints() -> list:
    from plugins.offers.public import bp as public_bp
    from plugins.offers.views import bp

    return [bp, public_bp]


@hookimpl
def kontora_api_blueprints() -> list:
    from plugins.offers.api import bp

    return [bp]


@hookimpl
def kontora_menu_entries() -> list[dict]:
    return [{"label": _l("Offers"), "endpoint": "offers.offer_list", "group": _l("Sales"),
             "order": 20, "permission": "offers.read", "icon": "file-earmark-text"}]


@hookimpl
def kontora_link_purposes() -> dict[str, str]:
    from plugins.offers.public import PURPOSES

    return dict(PURPOSES)


@hookimpl
def kontora_number_series() -> list[dict[str, Any]]:
    from plugins.offers.services.sending import SERIES

    return [dict(SERIES)]


@hookimpl
def kontora_document_kinds() -> list[dict[str, Any]]:
    from plugins.offers.documents import document_kinds

    return document_kinds()


@hookimpl
def kontora_merge_tags(kind: str) -> list[dict[str, Any]]:
    from plugins.offers.merge_tags import merge_tags

    return merge_tags(kind)


@hookimpl
def kontora_document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    if kind != "offers.offer":
        return None
    from plugins.offers.content import offer_content

    return offer_content(record_id)


@hookimpl
def kontora_offered_services(date_from: Any, date_to: Any,
                             owner_id: int | None) -> list[dict[str, Any]]:
    from plugins.offers.offered import offered_services

    return offered_services(date_from, date_to, owner_id)


@hookimpl
def kontora_conversions() -> list:
    from plugins.offers.conversions import CONVERSIONS

    return list(CONVERSIONS)


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    from plugins.offers.panels import profile_sections

    return profile_sections(party_id)


@hookimpl
def kontora_jobs() -> dict[str, Any]:
    from plugins.offers.jobs import JOBS

    return dict(JOBS)


@hookimpl
def kontora_periodic_jobs() -> list:
    from core.jobs import Periodic

    return [Periodic(job="offers.expire", cron="15 0 * * *")]


@hookimpl
def kontora_merge_records(kind: str, source_id: int, target_id: int,
                          session: Any) -> list[dict[str, Any]]:
    if kind != "parties.client":
        return []
    from core.db.merge import move_rows
    from core.i18n import gettext as _
    from plugins.offers.models import Offer

    moved = move_rows(session, Offer.__table__, "party_id", source_id, target_id)
    return [{"label": _("Offers"), "count": moved}] if moved else []


@hookimpl
def kontora_demo_data(session: Any) -> None:
    from plugins.offers.demo import add_demo_offers

    add_demo_offers(session)
