"""Card payments online: starting a checkout from the client link and booking the
provider's confirmation exactly once.

A confirmation may come twice (the provider retries, the demo page is posted twice) or
out of order (``checkout.session.completed`` before or after ``payment_intent.succeeded``,
a late ``processing``). Three guards make it book once: the provider's event id is stored
unique, the checkout row is locked and remembers its payment, and the payment's
``(provider, external_id)`` is unique in the database.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

from flask import current_app, has_request_context, request, url_for
from flask import session as flask_session
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from core.db import session, utcnow
from core.errors import NotFound
from core.i18n import force_locale, format_money
from core.i18n import gettext as _
from core.identity.models import User
from core.kernel import kontora
from core.services import lock_record
from core.web.notifications import notify
from plugins.payments.exceptions import NothingOpen
from plugins.payments.models import Checkout, Payment, ProviderEvent
from plugins.payments.providers import active_provider
from plugins.payments.services.allocation import allocated_to, lock_document, owed
from plugins.payments.services.payments import book

REUSE = timedelta(hours=23)
"""How long an unpaid checkout is continued rather than a new one made."""
WAY_BACK = "payments.way_back"


def start_checkout(kind: str, record_id: int) -> str:
    """A checkout of what is open on the document; the address where the client pays.

    A click again (or twice at once: the document's row is locked until the first click's
    transaction ends) while an unpaid checkout of the same amount is open continues that
    one at the provider's page made for it, so one provider session and one payment
    settle it. A checkout older than :data:`REUSE` is not continued (Stripe lets a
    session expire after a day).
    """
    provider = active_provider()
    if provider is None:
        raise NotFound(_("Card payments are not set up."))
    info = owed(kind, record_id)
    if info is None:
        raise NothingOpen()
    record = lock_document(kind, record_id)
    open_now = info["total"] - allocated_to(kind, record_id)
    if open_now <= 0:
        raise NothingOpen()
    checkout = session().scalar(select(Checkout).where(
        Checkout.provider == provider.code, Checkout.record_kind == kind,
        Checkout.record_id == record_id, Checkout.payment_id.is_(None),
        Checkout.status == "open", Checkout.amount == open_now,
        Checkout.currency == info["currency"], Checkout.session_url.is_not(None),
        Checkout.created_at >= utcnow() - REUSE).order_by(Checkout.id.desc()))
    if checkout is None:
        checkout = Checkout(token=secrets.token_urlsafe(24), provider=provider.code,
                            record_kind=kind, record_id=record_id, party_id=record.party_id,
                            amount=open_now, currency=info["currency"])
        session().add(checkout)
        session().flush()
        checkout.session_url = provider.begin(checkout)[:2048]
        session().flush()
    remember_way_back(checkout.token)
    return checkout.session_url


def remember_way_back(token: str) -> None:
    """Keep the page the client pressed "Pay" on in its own (signed) session cookie, for
    the link back from the provider's pages: never in the database, since the invoice's
    client link carries its secret token."""
    page = came_from()
    if page is not None:
        flask_session[WAY_BACK] = [token, page]


def way_back(token: str) -> str | None:
    """The page the client paid checkout ``token`` from, when this browser started it."""
    kept = flask_session.get(WAY_BACK) if has_request_context() else None
    return kept[1] if isinstance(kept, list) and len(kept) == 2 and kept[0] == token \
        else None


def came_from() -> str | None:
    """This site's page the client pressed "Pay" on, to lead back to when it has paid:
    the ``Referer`` when it is this host's, else the pay address without its
    ``/pay/<method>`` tail when that is a page (the invoice's client link)."""
    if not has_request_context():
        return None
    if request.referrer:
        url = urlsplit(request.referrer)
        if url.netloc == request.host and url.path.startswith("/") and \
                not url.path.startswith("//"):
            return (url.path + (f"?{url.query}" if url.query else ""))[:500]
    page = request.path.rsplit("/pay/", 1)[0]
    try:
        current_app.url_map.bind(request.host).match(page, method="GET")
    except HTTPException:
        return None
    return page[:500]


def checkout_by_token(token: str) -> Checkout:
    checkout = session().scalar(select(Checkout).where(Checkout.token == token))
    if checkout is None:
        raise NotFound(_("There is no such payment."))
    return checkout


def seen_event(provider: str, event_id: str, event_type: str) -> bool:
    """Store the provider's event; ``True`` if it was handled before (a retry)."""
    try:
        with session().begin_nested():
            session().add(ProviderEvent(provider=provider, event_id=event_id,
                                        event_type=event_type[:100]))
    except IntegrityError:
        return True
    return False


def confirm(provider: str, token: str, external_id: str, amount: Decimal | None = None,
            currency: str | None = None) -> Payment | None:
    """Book the checkout ``token`` as paid by the provider's payment ``external_id``;
    the payment already booked when it was confirmed before. ``None``: no such checkout
    (another installation's, say): nothing to do."""
    found = session().scalar(select(Checkout.id).where(Checkout.token == token,
                                                       Checkout.provider == provider))
    if found is None:
        return None
    checkout = lock_record(Checkout, found)
    if checkout.payment_id is not None:
        return session().get(Payment, checkout.payment_id)
    existing = session().scalar(select(Payment).where(Payment.provider == provider,
                                                      Payment.external_id == external_id))
    if existing is not None:
        return existing
    received = amount if amount is not None else checkout.amount
    open_now = _open(checkout)
    wanted = [{"record_kind": checkout.record_kind, "record_id": checkout.record_id,
               "amount": min(received, open_now)}] if open_now > 0 else []
    payment = book(None, {
        "party_id": checkout.party_id, "method": "card", "amount": received,
        "currency": (currency or checkout.currency).upper(), "paid_on": date.today(),
        "provider": provider, "external_id": external_id, "reference": external_id[:140]},
        wanted)
    checkout.external_id = external_id
    checkout.payment_id = payment.id
    checkout.status = "paid"
    session().flush()
    _tell_owner(checkout, payment)
    return payment


def _open(checkout: Checkout) -> Decimal:
    info = owed(checkout.record_kind, checkout.record_id)
    if info is None:
        return Decimal("0.00")
    return info["total"] - allocated_to(checkout.record_kind, checkout.record_id)


def _tell_owner(checkout: Checkout, payment: Payment) -> None:
    """The document's owner learns in the app that the client paid by card."""
    rk = kontora().kinds.get(checkout.record_kind)
    record = session().get(rk.model, checkout.record_id) if rk is not None else None
    owner = session().get(User, record.owner_id) if getattr(record, "owner_id", None) else None
    if owner is None or not owner.active:
        return
    with force_locale(owner.language):
        text = _("%(client)s paid %(amount)s by card for %(document)s.",
                 client=payment.party.name,
                 amount=format_money(payment.amount, payment.currency),
                 document=rk.title_of(record))
    notify(owner.id, text, link=_path(rk.endpoint, record.id) if rk.endpoint else None)


def _path(endpoint: str, record_id: int) -> str:
    """The record's page, inside a request or outside one (a worker confirming)."""
    if has_request_context():
        return url_for(endpoint, id=record_id)
    with current_app.test_request_context():
        return url_for(endpoint, id=record_id)
