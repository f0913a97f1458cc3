"""Invoices, credit notes and proformas: one table, told apart by ``doc_type``.

Single-table inheritance keeps one line table, one trigger set and one numbering path,
while ``invoicing.invoice`` (invoices and credit notes, the fiscal papers) and
``invoicing.proforma`` stay separate record kinds with their own series and permissions
of conversion. ``seller`` and ``buyer`` are JSON snapshots taken at issue, so the requisites
printed on an issued invoice never follow later edits of the company or the client.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import (
    AuthorshipMixin,
    Base,
    Money,
    OwnerMixin,
    SearchTextMixin,
    TimestampMixin,
    UTCDateTime,
    VersionMixin,
)
from core.db.indexes import trigram_index
from core.i18n import gettext as _
from plugins.invoicing.models.line import InvoiceLine
from plugins.parties.models import Client

PROTECTED_COLUMNS = (
    "doc_type", "number", "series", "party_id", "currency", "exchange_rate",
    "domestic_currency", "issue_date", "due_date", "payment_terms_days", "language",
    "reference", "notes", "credit_of_id", "total_net", "total_vat", "total_gross",
    "seller", "buyer", "issued_at",
)
"""What an issued document may never change (the database triggers list the same)."""
SEARCHED = ("number", "reference", "notes")
"""The columns folded into ``search_text``, which the global search and the API's ``q`` match
regardless of case and diacritics. All are protected, so an issued document's folded text,
written while it was a draft or at issue, never changes again; ``search_text`` itself is not
protected, so a migration may fill it for documents issued before it existed."""


class BillingDocument(SearchTextMixin, TimestampMixin, AuthorshipMixin, OwnerMixin,
                      VersionMixin, Base):
    """A draft or issued invoice, credit note or proforma for client ``party_id``.

    ``number`` is taken from series ``series`` at issue; drafts have none. Amounts are in
    ``currency``; ``exchange_rate`` converts them to ``domestic_currency`` (units of the
    domestic currency for one unit of ``currency``, fixed at issue). ``paid_amount`` is the
    only money column that moves after issue (payments bookkeeping).
    """

    __tablename__ = "invoicing_document"
    __search_fields__ = SEARCHED
    __table_args__ = (
        Index("ix_invoicing_document_created", "created_at", "id"),
        Index("ix_invoicing_document_issue", "issue_date", "id"),
        trigram_index("invoicing_document", "search_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    series: Mapped[str] = mapped_column(String(40), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft", index=True)
    party_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="RESTRICT"), nullable=False, index=True)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    exchange_rate: Mapped[Decimal | None] = mapped_column(Numeric(18, 6))
    domestic_currency: Mapped[str | None] = mapped_column(String(3))
    issue_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    payment_terms_days: Mapped[int] = mapped_column(Integer, nullable=False, default=30)
    language: Mapped[str] = mapped_column(String(5), nullable=False, default="ro")
    reference: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    credit_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoicing_document.id", ondelete="RESTRICT"), index=True)
    total_net: Mapped[Decimal] = mapped_column(Money(), nullable=False, default=Decimal(0))
    total_vat: Mapped[Decimal] = mapped_column(Money(), nullable=False, default=Decimal(0))
    total_gross: Mapped[Decimal] = mapped_column(Money(), nullable=False, default=Decimal(0))
    paid_amount: Mapped[Decimal] = mapped_column(Money(), nullable=False, default=Decimal(0))
    seller: Mapped[str | None] = mapped_column(Text)
    buyer: Mapped[str | None] = mapped_column(Text)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    party: Mapped[Client] = relationship(lazy="joined", viewonly=True)
    lines: Mapped[list[InvoiceLine]] = relationship(
        back_populates="document", cascade="all, delete-orphan",
        order_by="InvoiceLine.position", lazy="selectin")

    __mapper_args__ = {"polymorphic_on": "doc_type"}

    @property
    def title(self) -> str:
        return self.number or _("Draft #%(id)s", id=self.id)

    @property
    def open_amount(self) -> Decimal:
        """What the client still owes (credit notes: what is owed to the client, negative)."""
        return self.total_gross - self.paid_amount

    @property
    def seller_data(self) -> dict[str, Any]:
        return json.loads(self.seller) if self.seller else {}

    @property
    def buyer_data(self) -> dict[str, Any]:
        return json.loads(self.buyer) if self.buyer else {}


class Invoice(BillingDocument):
    """A fiscal invoice (UBL type 380)."""

    __mapper_args__ = {"polymorphic_identity": "invoice"}


class CreditNote(Invoice):
    """A credit note (storno, UBL type 381) correcting invoice ``credit_of_id``: its lines
    carry negative quantities of the original's."""

    __mapper_args__ = {"polymorphic_identity": "credit_note"}


class Proforma(BillingDocument):
    """A proforma invoice (RU "счёт на оплату"): no fiscal value, its own series,
    converted into an invoice once paid or accepted."""

    __mapper_args__ = {"polymorphic_identity": "proforma"}
