"""Where an issued e-invoice stands on its way to a national platform (RO e-Factura SPV).

A table of its own, not columns of the document: an issued document is immutable in the
database, while its transmission moves on (pending -> sent / failed) after issue.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TimestampMixin

PENDING, SENT, FAILED = "pending", "sent", "failed"


class EInvoiceTransmission(TimestampMixin, Base):
    """One per issued invoice or credit note: the transmitter chosen at issue, the status,
    the last message (the platform's answer or the last error), its reference, attempts."""

    __tablename__ = "invoicing_transmission"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("invoicing_document.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    transmitter: Mapped[str] = mapped_column(String(40), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default=PENDING)
    message: Mapped[str | None] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
