"""Sending an offer: number it, freeze its PDF, make the client link, mail both.

Everything happens in the caller's transaction except the slow parts: the kernel's job
renders the frozen PDF after commit, and the delivery job (``offers.deliver``, enqueued
after it) attaches those stored bytes to the e-mail, so the client gets exactly the PDF
that is kept. A rolled-back send numbers nothing, freezes nothing and mails nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from core.db import utcnow
from core.documents import request_pdf
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.jobs import enqueue
from core.links import make_link
from core.numbering import next_number
from core.permissions import require
from core.services import act_as, announce, locked, validate
from plugins.offers.exceptions import NothingToSend, WrongStatus
from plugins.offers.models import Offer
from plugins.offers.schemas import SendSchema
from plugins.offers.services.common import (
    KIND,
    check_version,
    flush,
    load_offer,
    log_event,
    writable,
)
from plugins.offers.workflow import TRANSITIONS, may_move

SERIES = {"code": "offers", "kind": KIND, "label": _l("Offers"),
          "pattern": "OF-{year}-{seq:05d}", "yearly_reset": True}
VIEW_PURPOSE = "offers.view"
PDF_PURPOSE = "sent"
DELIVER_JOB = "offers.deliver"
LINK_DAYS_AFTER_VALIDITY = 30
LINK_DAYS_WITHOUT_VALIDITY = 90


def send_offer(principal: Any, offer_id: int, data: Any = None, *,
               expected_version: int | None = None) -> Offer:
    """Send a draft to the client: numbered (once per offer), PDF frozen, link mailed."""
    from plugins.offers.documents import TEMPLATE_NAMES

    transition = TRANSITIONS["send"]
    require(principal, transition.permission)
    offer = locked(load_offer(principal, offer_id, "write"))  # one send at a time
    check_version(offer, expected_version)
    act_as(principal)
    writable(offer)
    if not may_move("send", offer.status):
        raise WrongStatus(offer.status, transition.label)
    values = validate(SendSchema(), data or {})
    to = values.get("to") or offer.recipient_email
    _check_sendable(offer, to)
    if offer.number is None:
        offer.number = next_number(SERIES["code"], record_kind=KIND, record_id=offer.id)
    offer.status, offer.sent_at, offer.recipient_email = transition.target, utcnow(), to
    offer.updated_by_id = principal.user_id
    flush()
    rendition = request_pdf(KIND, offer.id, freeze=True, purpose=PDF_PURPOSE,
                            template=TEMPLATE_NAMES[offer.format])
    link = make_link(VIEW_PURPOSE, KIND, offer.family_id, expires_in=_link_lifetime(offer),
                     single_use=False)
    log_event(offer, "sent", actor_id=principal.user_id)
    enqueue(DELIVER_JOB, offer_id=offer.id, file_id=rendition.id, to=to, link=link,
            message=values.get("message"))
    announce("offers.offer-sent", offer.id, offer_id=offer.id, party_id=offer.party_id,
             lead_id=offer.lead_id, number=offer.number, revision=offer.revision,
             principal_id=principal.user_id)
    return offer


def _check_sendable(offer: Offer, to: str | None) -> None:
    problems: dict[str, list[str]] = {}
    if not to:
        problems["to"] = [_("Give the client's e-mail address.")]
    if offer.format == "table" and not offer.lines:
        problems["lines"] = [_("Add at least one line before sending.")]
    if offer.format == "text" and not (offer.body or "").strip():
        problems["body"] = [_("Write the text of the offer before sending.")]
    if offer.valid_until is not None and offer.valid_until < date.today():
        problems["valid_until"] = [_("The validity date has passed; choose a later one.")]
    if problems:
        raise NothingToSend(problems)


def _link_lifetime(offer: Offer) -> timedelta:
    """Until a month after the offer's validity (the client may still want to read it)."""
    if offer.valid_until is None:
        return timedelta(days=LINK_DAYS_WITHOUT_VALIDITY)
    days = (offer.valid_until - date.today()).days + LINK_DAYS_AFTER_VALIDITY
    return timedelta(days=max(days, 1))
