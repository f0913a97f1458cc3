"""Creating, changing, revising, cancelling and deleting offers.

A draft is changed in place. A sent offer (sent, viewed, declined, expired) is never
changed: editing it makes a new revision (a copy with the next revision number and the
same number and family) and the change goes there; the old revision stays read-only with
its frozen PDF.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.errors import Conflict, Forbidden
from core.i18n import gettext as _
from core.kernel import kontora
from core.permissions import require
from core.permissions.rules import may_own
from core.services import act_as, announce, locked, validate
from plugins.offers.exceptions import InvalidOfferData, WrongStatus
from plugins.offers.models import Offer, OfferLine
from plugins.offers.schemas import OfferSchema
from plugins.offers.services.common import (
    check_version,
    flush,
    load_offer,
    log_event,
    recompute,
    writable,
)
from plugins.offers.services.lines import build_line
from plugins.offers.services.texts import pickable_text
from plugins.offers.workflow import EDITABLE, REVISABLE, TRANSITIONS, may_move
from plugins.parties.contact_persons import contact_email, is_contact_of

HEADER = ("title", "format", "party_id", "lead_id", "contact_id", "recipient_email", "language",
          "currency", "valid_until", "intro", "body", "terms", "text_id")
"""Offer columns a service call may set directly."""


def get_offer(principal: Any, offer_id: int) -> Offer:
    return load_offer(principal, offer_id, "read")


def create_offer(principal: Any, data: Any) -> Offer:
    """A draft offer for a client or a lead, with its lines (``lines``: a list)."""
    require(principal, "offers.write")
    act_as(principal)
    values = validate(OfferSchema(), data)
    lines = values.pop("lines", None) or []
    owner_id = _owner(principal, values.pop("owner_id", None))
    _check_recipient(principal, values)
    values["text_id"] = pickable_text(values.get("text_id"))
    offer = Offer(**{k: values.get(k) for k in HEADER if k in values}, owner_id=owner_id,
                  status="draft", revision=1, created_by_id=principal.user_id,
                  updated_by_id=principal.user_id)
    if offer.recipient_email is None:
        offer.recipient_email = contact_email(offer.contact_id) or _client_email(offer.party_id)
    for number, line in enumerate(lines):
        offer.lines.append(build_line(line, offer.currency, f"lines.{number}"))
    recompute(offer)
    session().add(offer)
    session().flush()
    offer.family_id = offer.id
    flush()
    return offer


def update_offer(principal: Any, offer_id: int, data: Any, *,
                 expected_version: int | None = None) -> Offer:
    """Change the header fields in ``data`` (and the lines, when ``lines`` is given).

    Returns the offer changed: the same one for a draft, a new revision for a sent one.
    """
    offer = load_offer(principal, offer_id, "write")
    check_version(offer, expected_version)
    act_as(principal)
    writable(offer)
    values = validate(OfferSchema(), data, partial=True)
    if values.get("format") and values["format"] != offer.format and offer.number:
        raise InvalidOfferData({"format": [_("A sent offer keeps its format.")]})
    if "owner_id" in values:
        values["owner_id"] = _owner(principal, values["owner_id"])
    merged = {k: values.get(k, getattr(offer, k)) for k in ("party_id", "lead_id", "contact_id")}
    if {"party_id", "lead_id", "contact_id"} & set(values):
        _check_recipient(principal, merged)
    if values.get("contact_id") not in (None, offer.contact_id) \
            and not values.get("recipient_email"):
        values["recipient_email"] = contact_email(values["contact_id"]) or offer.recipient_email
    if "text_id" in values and values["text_id"] != offer.text_id:
        values["text_id"] = pickable_text(values["text_id"])
    lines = values.pop("lines", None)
    target = offer if offer.status in EDITABLE else revise_offer(principal, offer.id)
    changed = [k for k, v in values.items() if getattr(target, k) != v]
    for key in changed:
        setattr(target, key, values[key])
    if lines is not None:
        target.lines = [build_line(line, target.currency, f"lines.{number}")
                        for number, line in enumerate(lines)]
        changed.append("lines")
    if changed:
        target.updated_by_id = principal.user_id
        recompute(target)
        flush()
    return target


def revise_offer(principal: Any, offer_id: int) -> Offer:
    """Copy a sent offer into a new draft revision and mark the old one superseded."""
    offer = locked(load_offer(principal, offer_id, "write"))  # one new revision at a time
    act_as(principal)
    writable(offer)
    if offer.status not in REVISABLE:
        raise WrongStatus(offer.status, _("new revision"))
    latest = session().scalar(select(Offer.revision).where(Offer.family_id == offer.family_id)
                              .order_by(Offer.revision.desc()).limit(1))
    copy = Offer(**{k: getattr(offer, k) for k in HEADER}, family_id=offer.family_id,
                 number=offer.number, revision=(latest or offer.revision) + 1,
                 status="draft", owner_id=offer.owner_id, created_by_id=principal.user_id,
                 updated_by_id=principal.user_id)
    copy.lines = [OfferLine(**{c: getattr(line, c) for c in LINE_COLUMNS})
                  for line in offer.lines]
    recompute(copy)
    offer.superseded = True
    session().add(copy)
    flush()
    log_event(offer, "revised", actor_id=principal.user_id)
    announce("offers.offer-revised", copy.id, offer_id=copy.id, previous_id=offer.id,
             revision=copy.revision, principal_id=principal.user_id)
    return copy


LINE_COLUMNS = ("position", "product_id", "description", "quantity", "unit", "unit_price",
                "discount", "vat_rate", "is_service", "net")


def cancel_offer(principal: Any, offer_id: int, *, expected_version: int | None = None) -> Offer:
    """Withdraw an offer that is not decided yet; the client's link then says so."""
    transition = TRANSITIONS["cancel"]
    offer = locked(load_offer(principal, offer_id, "write"))
    require(principal, transition.permission)
    check_version(offer, expected_version)
    act_as(principal)
    writable(offer)
    if not may_move("cancel", offer.status):
        raise WrongStatus(offer.status, transition.label)
    offer.status = transition.target
    log_event(offer, "cancelled", actor_id=principal.user_id)
    flush()
    return offer


def delete_offer(principal: Any, offer_id: int, *, expected_version: int | None = None) -> None:
    """Delete a draft that never went out; a sent offer is history (cancel it instead)."""
    require(principal, "offers.delete")
    offer = load_offer(principal, offer_id, "write")
    check_version(offer, expected_version)
    act_as(principal)
    if offer.status != "draft" or offer.number is not None:
        raise Conflict(_("Only drafts that were never sent can be deleted; cancel this "
                         "offer instead."))
    previous = session().scalar(select(Offer).where(
        Offer.family_id == offer.family_id, Offer.revision == offer.revision - 1))
    session().delete(offer)
    if previous is not None:
        previous.superseded = False  # the dropped draft gives the sent revision back
    flush()


def _owner(principal: Any, owner_id: int | None) -> int | None:
    if owner_id is None or owner_id == principal.user_id:
        return principal.user_id
    if not may_own(principal, "offers.write", owner_id):
        raise Forbidden(_("You may not give this offer to that owner."))
    return owner_id


def _check_recipient(principal: Any, values: dict[str, Any]) -> None:
    """A client the principal may read, or a lead that exists; at least one of them."""
    party_id, lead_id = values.get("party_id"), values.get("lead_id")
    if party_id is None and lead_id is None:
        message = [_("Choose a client or a lead.")]
        raise InvalidOfferData({"party_id": message, "lead_id": message})
    if party_id is not None:
        from plugins.parties.exceptions import ClientNotFound
        from plugins.parties.services.common import load_client

        try:
            load_client(principal, party_id, "read")
        except ClientNotFound:
            raise InvalidOfferData({"party_id": [_("No such client.")]}) from None
    if lead_id is not None and not _lead_exists(lead_id):
        raise InvalidOfferData({"lead_id": [_("No such lead.")]})
    contact_id = values.get("contact_id")
    if contact_id is not None and not is_contact_of(party_id, contact_id):
        raise InvalidOfferData({"contact_id": [_("Choose a contact person of the client.")]})


def _lead_exists(lead_id: int) -> bool:
    """Whether the lead exists, asked through the record kinds (``offers`` imports no leads)."""

    kind = kontora().kinds.get("leads.lead")
    return kind is not None and session().get(kind.model, lead_id) is not None


def _client_email(party_id: int | None) -> str | None:
    if party_id is None:
        return None
    from plugins.parties.models import Client

    client = session().get(Client, party_id)
    return client.email if client is not None else None
