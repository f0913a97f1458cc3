"""The offer's PDF for staff: frozen once sent, else a draft rendered by a job on demand."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.documents import request_pdf, stored_pdf
from core.documents.files import file_bytes
from core.documents.models import DRAFT, PENDING, READY, DocumentFile
from plugins.offers.services.common import KIND, load_offer


def offer_pdf(principal: Any, offer_id: int) -> Any:
    """The stored PDF (``StoredPdf``) to download, or ``None`` while a job renders it.

    A sent offer gives its frozen PDF. A draft gives its draft rendition when that shows
    the offer as it is now (same HTML); otherwise a new one is asked for.
    """
    from plugins.offers.documents import TEMPLATE_NAMES, offer_html

    offer = load_offer(principal, offer_id, "read")
    if offer.sent_at is not None:
        return stored_pdf(KIND, offer.id)
    draft = session().scalars(select(DocumentFile).where(
        DocumentFile.record_kind == KIND, DocumentFile.record_id == offer.id,
        DocumentFile.purpose == DRAFT)).first()
    if draft is not None and draft.html == offer_html(offer):
        if draft.status == READY:
            return file_bytes(draft)
        if draft.status == PENDING:
            return None
    request_pdf(KIND, offer.id, freeze=False, template=TEMPLATE_NAMES[offer.format])
    return None
