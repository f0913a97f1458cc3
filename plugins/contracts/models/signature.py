"""Who signed which document, how, and the exact PDF they were shown."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column

from core.db import Base, RecordLinkMixin, UTCDateTime


class Signature(RecordLinkMixin, Base):
    """One signature of a contract or protocol: ``role`` ``client`` (through the e-mailed
    link) or ``company`` (the counter-signature of a staff user).

    ``shown_sha256`` is the SHA-256 of the PDF the signer reviewed, so the evidence names
    the exact bytes agreed to; ``image`` is the drawn signature as PNG.
    """

    __tablename__ = "contracts_signature"
    __table_args__ = (UniqueConstraint("record_kind", "record_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(10), nullable=False)
    signer_name: Mapped[str] = mapped_column(String(200), nullable=False)
    signer_email: Mapped[str | None] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id", ondelete="SET NULL"))
    ip_address: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(500))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    shown_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    image: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
