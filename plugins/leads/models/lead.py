"""A lead: a prospect or deal, its contact persons and the history of its stages."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import (
    AuthorshipMixin,
    Base,
    Money,
    OwnerMixin,
    SearchTextMixin,
    TimestampMixin,
    VersionMixin,
    utcnow,
)
from core.db.indexes import trigram_index
from plugins.leads.models.common import one_of

if TYPE_CHECKING:
    from plugins.leads.models.calculator import LeadLine
    from plugins.leads.models.pipeline import LostReason, Pipeline, Stage

SOURCES = ("manual", "email", "web_form", "website_api", "portal", "phone", "visit")
STATUSES = ("open", "won", "lost")
CLIENT_KINDS = ("legal_entity", "sole_trader", "private_person")
"""The ``parties`` client kind a lead becomes on conversion (same codes as ``parties``)."""
SEARCHED = ("title", "company_name", "person_name", "email", "phone")
"""The columns folded into ``search_text``, which the list and the global search match."""


class Lead(SearchTextMixin, TimestampMixin, AuthorshipMixin, OwnerMixin, VersionMixin, Base):
    """A prospect or deal before it is a client, or a new deal of an existing ``client_id``.

    Until a client exists the company and person are free text (``company_name``,
    ``person_name``, ``email``...). ``status`` follows the stage: a won stage makes it
    ``won``, a lost one ``lost`` (with ``lost_reason_id``); ``stage_id`` always belongs
    to ``pipeline_id``. Both are kept by :mod:`plugins.leads.history` at flush time.
    ``search_text`` folds :data:`SEARCHED` for search regardless of case and diacritics.
    """

    __search_fields__ = SEARCHED
    __tablename__ = "leads_lead"
    __table_args__ = (
        CheckConstraint(one_of("source", SOURCES), name="source"),
        CheckConstraint(one_of("status", STATUSES), name="status"),
        CheckConstraint(one_of("client_kind", CLIENT_KINDS), name="client_kind"),
        Index("ix_leads_lead_created", "created_at", "id"),
        # A board column: one stage's leads, latest arrivals first, paged by keyset.
        Index("ix_leads_lead_stage_entered", "stage_id", "stage_entered_at", "id"),
        trigram_index("leads_lead", "search_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="manual",
                                        index=True)
    source_ref: Mapped[str | None] = mapped_column(String(300))
    client_kind: Mapped[str] = mapped_column(String(20), nullable=False,
                                             default="legal_entity")
    company_name: Mapped[str | None] = mapped_column(String(200))
    person_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    country: Mapped[str | None] = mapped_column(String(2))
    tax_id: Mapped[str | None] = mapped_column(String(32))
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("parties_client.id", ondelete="SET NULL"), index=True)
    budget: Mapped[Decimal | None] = mapped_column(Money(), index=True)
    currency: Mapped[str] = mapped_column(String(3), nullable=False, default="EUR")
    pipeline_id: Mapped[int] = mapped_column(ForeignKey("leads_pipeline.id"), nullable=False,
                                             index=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("leads_stage.id"), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="open",
                                        index=True)
    lost_reason_id: Mapped[int | None] = mapped_column(
        ForeignKey("leads_lost_reason.id", ondelete="SET NULL"), index=True)
    lost_note: Mapped[str | None] = mapped_column(String(500))
    stage_entered_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)
    closed_at: Mapped[datetime | None]
    converted_at: Mapped[datetime | None]
    web_form_id: Mapped[int | None] = mapped_column(
        ForeignKey("leads_web_form.id", ondelete="SET NULL"), index=True)
    description: Mapped[str | None] = mapped_column(Text)

    pipeline: Mapped[Pipeline] = relationship()
    stage: Mapped[Stage] = relationship(lazy="joined")  # every list and card shows it
    lost_reason: Mapped[LostReason | None] = relationship()
    contacts: Mapped[list[LeadContact]] = relationship(
        back_populates="lead", cascade="all, delete-orphan", order_by="LeadContact.id")
    lines: Mapped[list[LeadLine]] = relationship(
        back_populates="lead", cascade="all, delete-orphan",
        order_by="(LeadLine.position, LeadLine.id)")
    stage_entries: Mapped[list[StageEntry]] = relationship(
        back_populates="lead", cascade="all, delete-orphan", order_by="StageEntry.id")

    @property
    def party_name(self) -> str:
        """Who the deal is with, as people say it."""
        return self.company_name or self.person_name or self.email or self.title


class LeadContact(Base):
    """A person to talk to about the lead, before (or besides) a ``parties`` contact."""

    __tablename__ = "leads_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads_lead.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    job_title: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    is_primary: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    lead: Mapped[Lead] = relationship(back_populates="contacts")


class StageEntry(Base):
    """The lead entered ``stage_id`` at ``entered_at`` (left at ``left_at``, if it did).

    One row per entry, written whenever a lead is created or changes stage, with the
    budget it had then: the funnel report counts "leads entering each stage" from here,
    and reads where (the entry before) and why (``lost_reason_id``) deals were lost.
    """

    __tablename__ = "leads_stage_entry"
    __table_args__ = (Index("ix_leads_stage_entry_pipeline_entered", "pipeline_id",
                            "entered_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads_lead.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    pipeline_id: Mapped[int] = mapped_column(ForeignKey("leads_pipeline.id",
                                                        ondelete="CASCADE"), nullable=False)
    stage_id: Mapped[int] = mapped_column(ForeignKey("leads_stage.id", ondelete="CASCADE"),
                                          nullable=False, index=True)
    entered_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)
    left_at: Mapped[datetime | None]
    budget: Mapped[Decimal | None] = mapped_column(Money())
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id",
                                                           ondelete="SET NULL"))
    lost_reason_id: Mapped[int | None] = mapped_column(
        ForeignKey("leads_lost_reason.id", ondelete="SET NULL"))
    """Why, when this entry is into a lost stage (kept even if the lead is reopened later)."""

    lead: Mapped[Lead] = relationship(back_populates="stage_entries")
