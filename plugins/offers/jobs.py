"""Background jobs of offers: mailing a sent offer with its frozen PDF, expiring offers.

``offers.deliver`` runs after the send committed, behind the kernel's render job. It
attaches the frozen PDF as stored; should it run before the render job (another worker
took it first), it renders that same stored HTML itself (the render is idempotent and a
frozen PDF is never rendered again), so the mail never leaves without its PDF.
"""

from __future__ import annotations

from typing import Any

from core.db import session
from core.db import session as sess
from core.documents.files import file_bytes, render_document
from core.documents.models import FAILED, READY, DocumentFile
from core.identity.models import User
from core.jobs import retries
from core.mail import Attachment, send_mail


@retries(max_retries=5, backoff=60)
def deliver_offer(offer_id: int, file_id: int, to: str, link: str,
                  message: str | None = None) -> None:
    """Mail the offer revision ``offer_id`` once, with its frozen PDF and the client link."""
    from plugins.offers.models import Offer

    offer = session().get(Offer, offer_id)
    if offer is None or offer.mail_id is not None:
        return  # deleted meanwhile, or already mailed (jobs run at least once)
    rendition = session().get(DocumentFile, file_id)
    if rendition is None:
        return
    if rendition.status != READY:
        render_document(file_id)
        session().refresh(rendition)
    if rendition.status == FAILED:
        raise RuntimeError(f"the PDF of offer {offer_id} could not be rendered: "
                           f"{rendition.error}")
    pdf = file_bytes(rendition)
    mail = send_mail(
        to, template="offers/offer-sent", context=mail_context(offer, link, message),
        language=offer.language,
        attachments=[Attachment(f"{_file_name(offer)}.pdf", pdf.content, "application/pdf")],
        record=("offers.offer", offer.id), reply_to=_owner_email(offer), secret=True)
    offer.mail_id = mail.id


def mail_context(offer: Any, link: str, message: str | None) -> dict[str, Any]:
    """Plain values for the mail template (no model objects in a sandbox)."""
    from plugins.offers.recipients import recipient_of

    owner = sess().get(User, offer.owner_id) if offer.owner_id else None
    return {"number": offer.number, "reference": offer.reference, "title": offer.title,
            "revision": offer.revision, "client_name": recipient_of(offer)["name"],
            "total": offer.total_gross, "currency": offer.currency,
            "valid_until": offer.valid_until, "link": link, "message": message or "",
            "owner_name": owner.name if owner else "", "owner_email": (owner.email or "")
            if owner else ""}


def expire_offers_job() -> None:
    """Daily: offers still waiting for the client past their validity date expire."""
    from plugins.offers.services import expire_offers

    expire_offers()


def _file_name(offer: Any) -> str:
    name = offer.number or f"offer-{offer.id}"
    return name if offer.revision == 1 else f"{name}-rev{offer.revision}"


def _owner_email(offer: Any) -> str | None:
    owner = session().get(User, offer.owner_id) if offer.owner_id else None
    return owner.email if owner is not None and owner.email else None


JOBS = {"offers.deliver": deliver_offer, "offers.expire": expire_offers_job}
