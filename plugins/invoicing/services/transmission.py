"""Transmitting issued e-invoices to a national platform through ``kontora_einvoice_transmitters``.

At issue the transmitter is chosen by the seller's country (one that names it, else a
fallback) and a pending row is written in the issuing transaction; the job
``invoicing.transmit`` runs after the commit with the UBL ready. A raise from the
transmitter is temporary: the attempt and its error are kept on the row and the job is
retried (``MAX_RETRIES``); after the last attempt, or when the platform answers
``failed``, the row is failed with the message, which the invoice page shows. Built in:
``log``, the fallback, which records that the XML was ready and uploads nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from core.db import session
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.jobs import enqueue, retries
from core.kernel import kontora
from core.services import lock_record
from plugins.invoicing.models import BillingDocument, EInvoiceTransmission
from plugins.invoicing.models.transmission import FAILED, PENDING, SENT
from plugins.invoicing.services.common import kind_of
from plugins.invoicing.ubl import ubl_xml

log = logging.getLogger(__name__)
JOB = "invoicing.transmit"
MAX_RETRIES = 4


def log_transmit(einvoice: dict[str, Any]) -> dict[str, Any]:
    """The built-in transmitter: no platform, the XML's readiness goes to the log."""
    log.info(
        "e-invoice %s (%d bytes) ready; no national platform configured",
        einvoice["number"],
        len(einvoice["xml"]),
    )
    return {
        "status": SENT,
        "reference": None,
        "message": _("No national platform is configured; the XML was only logged."),
    }


TRANSMISSION_LABELS = {
    PENDING: _l("Waiting to be transmitted"),
    SENT: _l("Transmitted"),
    FAILED: _l("Transmission failed"),
}
LOG_TRANSMITTER = {
    "code": "log",
    "label": _l("Log only"),
    "countries": None,
    "transmit": log_transmit,
}


def transmitters() -> list[dict[str, Any]]:
    return [t for found in kontora().pm.hook.kontora_einvoice_transmitters() for t in found]


def choose(country: str) -> dict[str, Any]:
    """The transmitter naming ``country``, else the first fallback (``log`` at least)."""
    found = transmitters()
    named = [t for t in found if t.get("countries") and country in t["countries"]]
    return (named or [t for t in found if t.get("countries") is None])[0]


def queue_transmission(doc: BillingDocument) -> EInvoiceTransmission | None:
    """In the issuing transaction: a pending row and the job (invoices and credit notes)."""
    if doc.doc_type == "proforma":
        return None
    country = (doc.seller_data.get("country") or "").upper()
    row = EInvoiceTransmission(
        document_id=doc.id, transmitter=choose(country)["code"], status=PENDING
    )
    session().add(row)
    session().flush()
    enqueue(JOB, doc_id=doc.id)
    return row


def transmission_of(doc_id: int) -> EInvoiceTransmission | None:
    return session().scalar(
        select(EInvoiceTransmission).where(EInvoiceTransmission.document_id == doc_id)
    )


@retries(max_retries=MAX_RETRIES, backoff=60)
def transmit(doc_id: int) -> None:
    """The job: hand the UBL to the chosen transmitter once; a sent row is never resent."""
    sess = session()
    found = transmission_of(doc_id)
    row = lock_record(EInvoiceTransmission, found.id) if found is not None else None
    if row is None or row.status != PENDING:
        return
    doc = sess.get(BillingDocument, doc_id)
    transmitter = next((t for t in transmitters() if t["code"] == row.transmitter), None)
    row.attempts += 1
    if transmitter is None:
        row.status = FAILED
        row.message = _("The transmitter “%(code)s” is not enabled.", code=row.transmitter)
        return
    einvoice = {
        "kind": kind_of(doc),
        "record_id": doc.id,
        "number": doc.number,
        "seller_country": (doc.seller_data.get("country") or "").upper(),
        "buyer_country": (doc.buyer_data.get("country") or "").upper(),
        "syntax": "UBL",
        "filename": f"{doc.number}.xml".replace("/", "-"),
        "xml": ubl_xml(doc),
    }
    try:
        answer = transmitter["transmit"](einvoice)
    except Exception as exc:  # temporary: keep the attempt, retry until the last one
        row.message = f"{type(exc).__name__}: {exc}"
        if row.attempts > MAX_RETRIES:
            row.status = FAILED
            return
        sess.commit()
        raise
    row.status = SENT if answer.get("status") == SENT else FAILED
    row.message, row.reference = answer.get("message"), answer.get("reference")
