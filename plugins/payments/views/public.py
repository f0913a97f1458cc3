"""The client's side of card payments: the demo provider's test-card page, the page a
provider sends the client back to, and the providers' webhooks.

Nobody signs in here. The checkout's random token is the authority for its pages; a
webhook is believed only with a valid signature, which is why it alone is exempt from the
CSRF check. Everything is rate-limited.
"""

from __future__ import annotations

import json
import os
from typing import Any

from flask import current_app, jsonify, render_template, request, url_for

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import PORTAL, csrf_exempt, current_principal, limiter
from plugins.payments import services
from plugins.payments.exceptions import InvalidPayment
from plugins.payments.providers.demo import TEST_CARD
from plugins.payments.providers.stripe import confirmations, verify
from plugins.payments.services.online import way_back
from plugins.payments.views import public_bp


@public_bp.route("/demo/<token>", methods=["GET", "POST"], endpoint="demo_checkout")
@limiter.limit("30 per minute")
def demo_checkout(token: str):
    checkout = services.checkout_by_token(token)
    if checkout.provider != "demo":
        return checkout_done(token)
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and checkout.payment_id is None:
        card = "".join(ch for ch in request.form.get("card", "") if ch.isdigit())
        if card == TEST_CARD:
            services.confirm("demo", token, f"demo-{token}")
            return checkout_done(token)
        errors = {"card": [_("The card was declined. Use the test card %(card)s.",
                             card=TEST_CARD)]}
    if checkout.payment_id is not None:
        return checkout_done(token)
    return render_template("payments/demo_checkout.html", checkout=checkout, errors=errors,
                           test_card=TEST_CARD, back=back_to(checkout)), 422 if errors else 200


@public_bp.get("/done/<token>", endpoint="checkout_done")
@limiter.limit("30 per minute")
def checkout_done(token: str):
    checkout = services.checkout_by_token(token)
    return render_template("payments/checkout_done.html", checkout=checkout,
                           back=back_to(checkout), cancelled=bool(request.args.get("cancelled")))


def back_to(checkout: Any) -> str | None:
    """Where the client goes back to: the page it pressed "Pay" on (the invoice's link,
    the portal), else the portal's invoices for a portal user."""
    kept = way_back(checkout.token)
    if kept is not None:
        return kept
    principal = current_principal()
    if principal is not None and principal.kind == PORTAL and \
            "invoicing_portal.index" in current_app.view_functions:
        return url_for("invoicing_portal.index")
    return None


@public_bp.post("/webhooks/stripe", endpoint="stripe_webhook")
@limiter.limit("120 per minute")
@csrf_exempt
def stripe_webhook():
    """Stripe's notification: 400 with the reason in JSON when it is unsigned or not an
    event (Stripe shows it in its dashboard), 200 once handled or when seen before."""
    payload = request.get_data(cache=False)
    try:
        verify(payload, request.headers.get("Stripe-Signature", ""),
               os.environ.get("KONTORA_STRIPE_WEBHOOK_SECRET", ""))
        event = _event(payload)
    except ValidationError as exc:
        return jsonify({"error": exc.message, "fields": exc.fields}), 400
    if services.seen_event("stripe", event["id"], str(event.get("type", ""))):
        return jsonify({"received": True, "duplicate": True})
    for token, intent, amount, currency in confirmations(event):
        services.confirm("stripe", token, intent, amount, currency)
    return jsonify({"received": True})


def _event(payload: bytes) -> dict[str, Any]:
    try:
        event = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        event = None
    if not isinstance(event, dict) or not isinstance(event.get("id"), str) or \
            not event["id"] or len(event["id"]) > 255:
        raise InvalidPayment({"body": [_("This is not a payment provider's event.")]})
    return event


