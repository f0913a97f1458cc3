"""Online check of EU VAT numbers against VIES, run as a job after a client is saved.

Uses the European Commission's VIES REST API, operation ``check-vat-number``: ``POST`` of
``{"countryCode": "RO", "vatNumber": "18547290"}`` to ``KONTORA_VIES_URL``, answered with
``{"valid": true|false, "name": ..., "address": ..., ...}``. A member state's register
that is down answers with ``userError`` (or ``errorWrappers[].error``) such as
``MS_UNAVAILABLE``; a timeout, a refused connection, an HTTP error or an answer that is
not that JSON all count as "unavailable". The check never blocks saving and never
fails: it only writes ``vat_check_status`` (``valid``, ``invalid``, ``unavailable``) and
``vat_checked_at`` on the client.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from typing import Any

from core.db import session, utcnow
from core.kernel import kontora
from plugins.parties.models import Client

log = logging.getLogger(__name__)

TIMEOUT = 10
"""Seconds to wait for VIES; member-state registers are sometimes slow, never hang a worker."""

VIES_COUNTRIES = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI"})
"""Prefixes VIES answers for (Greece as EL, Northern Ireland as XI)."""


def check_vat(client_id: int) -> None:
    """Job ``parties.check-vat``: ask VIES about the client's VAT number, store the answer."""
    client = session().get(Client, client_id)
    if client is None or not client.vat_number or client.vat_number[:2] not in VIES_COUNTRIES:
        return
    client.vat_check_status = ask_vies(kontora().settings.vies_url, client.vat_number)
    client.vat_checked_at = utcnow()


def ask_vies(url: str, vat_number: str) -> str:
    """``valid``, ``invalid`` or ``unavailable`` for ``vat_number`` (prefix included)."""
    body = json.dumps({"countryCode": vat_number[:2], "vatNumber": vat_number[2:]}).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            answer = json.loads(response.read(65536))
    except (OSError, ValueError) as exc:  # URLError, HTTPError, timeouts, bad JSON
        log.info("VIES did not answer for %s: %s", vat_number, exc)
        return "unavailable"
    return _status(answer)


def _status(answer: Any) -> str:
    if not isinstance(answer, dict) or answer.get("errorWrappers"):
        return "unavailable"
    if answer.get("userError") not in (None, "VALID", "INVALID"):
        return "unavailable"
    valid = answer.get("valid", answer.get("isValid"))
    if not isinstance(valid, bool):
        return "unavailable"
    return "valid" if valid else "invalid"
