"""The offer list (``register_crud``): filters by status, client, owner, format.

The generic new, edit and delete pages would write through the generic record services and
skip this plugin's rules (revisions, drafts only), so those addresses lead to the plugin's
own forms; the detail page is the generic one with the plugin's template.
"""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for

from core.db import session
from core.i18n import lazy_gettext as _l
from core.identity.models import User
from core.web.generic import Column, Filter, register_crud
from plugins.offers.views import bp
from plugins.offers.workflow import FORMAT_LABELS, STATUS_LABELS, status_choices


def _client_name(offer: Any) -> str:
    """The client's name (loaded with the page), else the lead's reference."""
    from plugins.offers.recipients import recipient_of

    if offer.party is not None:
        return offer.party.name
    return recipient_of(offer)["name"] or "—"


def _owners() -> list[tuple[Any, Any]]:
    from sqlalchemy import select


    return [(u.id, u.name) for u in session().scalars(
        select(User).where(User.active.is_(True)).order_by(User.name).limit(500))]


register_crud(
    bp, kind="offers.offer", name="offer", path="/",
    columns=[Column("number", _l("Number"), format=lambda o: o.reference if o.number else "—"),
             Column("title", _l("Title"), sortable=False),
             Column("party_id", _l("Client or lead"), sortable=False, format=_client_name),
             Column("status", _l("Status"), format=lambda o: str(STATUS_LABELS[o.status])),
             Column("total_gross", _l("Total"), format="money:currency"),
             Column("valid_until", _l("Valid until")),
             Column("created_at", _l("Created"))],
    filters=[Filter("status", _l("Status"), type="select", choices=status_choices),
             Filter("party_id", _l("Client"), type="record", kind="parties.client"),
             Filter("owner_id", _l("Owner"), type="select", choices=_owners),
             Filter("format", _l("Format"), type="select",
                    choices=lambda: [(k, str(v)) for k, v in FORMAT_LABELS.items()]),
             Filter("superseded", _l("Replaced by a newer revision"), type="bool")],
    default_sort="-created_at",
)

OWN_FORMS = {"offers.offer_new": "offers.offer_compose",
             "offers.offer_edit": "offers.offer_change",
             "offers.offer_delete": "offers.offer_remove"}


@bp.before_request
def _use_own_forms():
    target = OWN_FORMS.get(request.endpoint or "")
    if target is not None:
        return redirect(url_for(target, **(request.view_args or {}), **request.args))
    return None
