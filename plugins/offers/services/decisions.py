"""What the client does through the link (opens, accepts, declines) and expiry by date.

The client acts without signing in, so these take no principal; the public view has
checked the link first. Staff may record a decision the client gave by phone with
``principal`` (needs ``offers.write`` and the offer in their write scope). Each decision
locks the offer row, so two answers at once cannot both win.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from core.db import session, utcnow
from core.i18n import force_locale
from core.i18n import gettext as _
from core.identity.models import User
from core.kernel import kontora
from core.mail import send_mail
from core.services import act_as, announce, lock_record
from core.web.notifications import notify
from plugins.activities.services import record_event
from plugins.offers.exceptions import OfferNotFound, WrongStatus
from plugins.offers.models import Offer
from plugins.offers.services.common import flush, load_offer, log_event
from plugins.offers.workflow import OPEN_FOR_CLIENT, TRANSITIONS
from plugins.parties.services import become_customer


def current_revision(family_id: int) -> Offer | None:
    """The newest revision of an offer that went to the client: what its link shows."""
    return session().scalars(
        select(Offer).where(Offer.family_id == family_id, Offer.sent_at.is_not(None))
        .order_by(Offer.revision.desc()).limit(1)).first()


def awaiting_revision(offer: Offer) -> bool:
    """A newer revision is being prepared: the client waits for it instead of deciding."""
    return offer.superseded


def decidable(offer: Offer) -> bool:
    return (not offer.superseded and offer.status in OPEN_FOR_CLIENT
            and (offer.valid_until is None or offer.valid_until >= date.today()))


def open_offer(offer: Offer) -> bool:
    """Count an opening by the client; the first one per revision marks it viewed.

    Returns True the first time, when it is logged, put on the timeline and announced.
    """
    now = utcnow()
    offer.view_count += 1
    offer.last_viewed_at = now
    first = offer.first_viewed_at is None
    if first:
        offer.first_viewed_at = now
        if offer.status in TRANSITIONS["view"].sources:
            offer.status = TRANSITIONS["view"].target
        log_event(offer, "viewed")
        _timeline(offer, "viewed")
        announce("offers.offer-viewed", offer.id, offer_id=offer.id, party_id=offer.party_id,
                 lead_id=offer.lead_id, viewed_at=now)
    flush()
    return first


def accept_offer(offer_id: int, comment: str | None = None, principal: Any = None) -> Offer:
    """The client accepts: status, log, timeline, owner told, ``offers.offer-accepted``."""
    offer = _decide(offer_id, "accept", comment, principal)
    if offer.party_id is not None:
        customer_now(offer, getattr(principal, "user_id", None))
    announce("offers.offer-accepted", offer.id, offer_id=offer.id, party_id=offer.party_id,
             lead_id=offer.lead_id, accepted_at=offer.decided_at, comment=comment,
             principal_id=getattr(principal, "user_id", None))
    return offer


def decline_offer(offer_id: int, comment: str | None = None, principal: Any = None) -> Offer:
    """The client declines, with an optional reason for the owner."""
    offer = _decide(offer_id, "decline", comment, principal)
    announce("offers.offer-declined", offer.id, offer_id=offer.id, party_id=offer.party_id,
             lead_id=offer.lead_id, declined_at=offer.decided_at, comment=comment,
             principal_id=getattr(principal, "user_id", None))
    return offer


def expire_offers(today: date | None = None) -> int:
    """Offers waiting for the client past their validity date expire; returns how many."""
    today = today or date.today()
    transition = TRANSITIONS["expire"]
    stale = session().scalars(
        select(Offer).where(Offer.status.in_(transition.sources), Offer.valid_until < today,
                            Offer.superseded.is_(False))
        .order_by(Offer.id).with_for_update()).all()
    for offer in stale:
        offer.status = transition.target
        log_event(offer, "expired")
        announce("offers.offer-expired", offer.id, offer_id=offer.id, party_id=offer.party_id,
                 lead_id=offer.lead_id)
    flush()
    return len(stale)


def _decide(offer_id: int, name: str, comment: str | None, principal: Any) -> Offer:
    transition = TRANSITIONS[name]
    if principal is not None:
        load_offer(principal, offer_id, "write")

        act_as(principal)
    offer = lock_record(Offer, offer_id)  # two answers at once: the second sees the first
    if offer is None:
        raise OfferNotFound(offer_id)
    if not decidable(offer):
        raise WrongStatus(offer.status, transition.label)
    comment = (comment or "").strip() or None
    offer.status, offer.decided_at, offer.decision_comment = (transition.target, utcnow(),
                                                             comment)
    log_event(offer, transition.target, comment=comment,
              actor_id=getattr(principal, "user_id", None))
    _timeline(offer, transition.target, comment)
    flush()
    tell_owner(offer, transition.target)
    return offer


MESSAGES = {
    "viewed": lambda ref: _("The client opened offer %(ref)s.", ref=ref),
    "accepted": lambda ref: _("The client accepted offer %(ref)s.", ref=ref),
    "declined": lambda ref: _("The client declined offer %(ref)s.", ref=ref),
}


def _timeline(offer: Offer, event: str, comment: str | None = None) -> None:
    """A note on the offer's timeline, in the owner's language."""
    from plugins.activities.models import Note

    with force_locale(_owner_language(offer)):
        body = MESSAGES[event](offer.reference)
        if comment:
            body = f"{body}\n{_('Comment')}: {comment}"
    session().add(Note(record_kind="offers.offer", record_id=offer.id, kind="note", body=body))


def customer_now(offer: Offer, actor_id: int | None) -> None:
    """The first accepted offer makes a prospect a customer, on the client's timeline.

    Also called when a lead whose offer was accepted becomes the client afterwards."""
    if become_customer(offer.party_id, principal_id=actor_id):
        with force_locale(_owner_language(offer)):
            body = _("Became a customer: offer %(ref)s was accepted.", ref=offer.reference)
        record_event("parties.client", offer.party_id, body, author_id=actor_id)


def tell_owner(offer: Offer, event: str) -> None:
    """The owner hears of the decision in the app and by e-mail, in their language."""
    from plugins.offers.paths import offer_url, site_path
    from plugins.offers.recipients import recipient_of

    owner = session().get(User, offer.owner_id) if offer.owner_id else None
    if owner is None or not owner.active:
        return
    with force_locale(owner.language):
        message = MESSAGES[event](offer.reference)
    notify(owner.id, message, link=site_path("offers.offer_detail", id=offer.id))
    if owner.email:
        send_mail(owner.email, template="offers/offer-decided", language=owner.language,
                  context={"event": event, "reference": offer.reference, "title": offer.title,
                           "client_name": recipient_of(offer)["name"],
                           "comment": offer.decision_comment or "",
                           "total": offer.total_gross, "currency": offer.currency,
                           "url": offer_url(offer.id)},
                  record=("offers.offer", offer.id))


def _owner_language(offer: Offer) -> str:
    owner = session().get(User, offer.owner_id) if offer.owner_id else None
    return owner.language if owner is not None and owner.language else \
        kontora().settings.language
