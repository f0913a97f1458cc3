"""Stripe without its SDK: a Checkout Session made over HTTPS, and webhooks whose
``Stripe-Signature`` is checked as Stripe documents it.

The header is ``t=<unix time>,v1=<hex>[,v1=<hex>...]``; the signed text is
``"<t>.<raw body>"``, the signature its HMAC-SHA256 with the endpoint's secret
(``KONTORA_STRIPE_WEBHOOK_SECRET``). A signature older than five minutes is refused, so a
captured notification cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
import urllib.parse
import urllib.request
from decimal import Decimal
from typing import Any

from flask import url_for

from core.i18n import lazy_gettext as _l
from plugins.payments.exceptions import BadSignature, ProviderUnavailable

TOLERANCE = 300
API = "https://api.stripe.com/v1"
ZERO_DECIMAL = {"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX",
                "VND", "VUV", "XAF", "XOF", "XPF"}
"""Currencies Stripe counts in whole units; the rest in hundredths."""


def to_minor(amount: Decimal, currency: str) -> int:
    return int(amount if currency.upper() in ZERO_DECIMAL else amount * 100)


def from_minor(amount: int, currency: str) -> Decimal:
    value = Decimal(amount)
    return value if currency.upper() in ZERO_DECIMAL else (value / 100).quantize(Decimal("0.01"))


def verify(payload: bytes, header: str, secret: str, now: float | None = None) -> None:
    """Raise :class:`BadSignature` unless ``header`` signs ``payload`` with ``secret``."""
    parts = [p.split("=", 1) for p in header.split(",") if "=" in p]
    stamps = [v for k, v in parts if k.strip() == "t"]
    signatures = [v.strip() for k, v in parts if k.strip() == "v1"]
    if not secret or len(stamps) != 1 or not signatures or not stamps[0].strip().isdigit():
        raise BadSignature()
    stamp = int(stamps[0])
    if abs((now if now is not None else time.time()) - stamp) > TOLERANCE:
        raise BadSignature()
    expected = hmac.new(secret.encode(), f"{stamp}.".encode() + payload,
                        hashlib.sha256).hexdigest()
    if not any(hmac.compare_digest(expected, s) for s in signatures):
        raise BadSignature()


def sign(payload: bytes, secret: str, stamp: int) -> str:
    """The header Stripe would send (for tests and local tools)."""
    mac = hmac.new(secret.encode(), f"{stamp}.".encode() + payload, hashlib.sha256)
    return f"t={stamp},v1={mac.hexdigest()}"


def confirmations(event: dict[str, Any]) -> list[tuple[str, str, Decimal | None, str | None]]:
    """What a Stripe event confirms: ``(checkout token, payment intent, amount, currency)``.

    ``payment_intent.succeeded`` and a paid ``checkout.session.completed`` both confirm,
    whichever comes first; both name the same payment intent, so it is booked once. Other
    events (``processing``, ``payment_failed`` after a success) confirm nothing.
    """
    kind = event.get("type")
    obj = (event.get("data") or {}).get("object") or {}
    token = (obj.get("metadata") or {}).get("checkout")
    if not isinstance(token, str):
        return []
    currency = str(obj.get("currency") or "").upper() or None
    if kind == "payment_intent.succeeded" and isinstance(obj.get("id"), str):
        received = obj.get("amount_received")
        amount = from_minor(received, currency) if isinstance(received, int) and currency \
            else None
        return [(token, obj["id"], amount, currency)]
    if kind == "checkout.session.completed" and obj.get("payment_status") == "paid" and \
            isinstance(obj.get("payment_intent"), str):
        total = obj.get("amount_total")
        amount = from_minor(total, currency) if isinstance(total, int) and currency else None
        return [(token, obj["payment_intent"], amount, currency)]
    return []


class StripeProvider:
    code = "stripe"
    label = _l("Pay by card")

    def begin(self, checkout: Any) -> str:
        """A Stripe Checkout Session for the checkout's amount; its address."""
        done = url_for("payments_public.checkout_done", token=checkout.token, _external=True)
        cancelled = url_for("payments_public.checkout_done", token=checkout.token,
                            cancelled=1, _external=True)
        form = {
            "mode": "payment", "success_url": done, "cancel_url": cancelled,
            "line_items[0][quantity]": "1",
            "line_items[0][price_data][currency]": checkout.currency.lower(),
            "line_items[0][price_data][unit_amount]": str(to_minor(checkout.amount,
                                                                   checkout.currency)),
            "line_items[0][price_data][product_data][name]": f"#{checkout.record_id}",
            "metadata[checkout]": checkout.token,
            "payment_intent_data[metadata][checkout]": checkout.token,
        }
        request = urllib.request.Request(
            os.environ.get("KONTORA_STRIPE_API_URL", API) + "/checkout/sessions",
            data=urllib.parse.urlencode(form).encode(), method="POST",
            headers={"Authorization": f"Bearer {os.environ['KONTORA_STRIPE_SECRET_KEY']}",
                     "Idempotency-Key": checkout.token})
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return str(json.load(response)["url"])
        except (OSError, ValueError, KeyError, TypeError):  # unreachable, refused, not JSON
            raise ProviderUnavailable() from None
