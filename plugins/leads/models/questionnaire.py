"""Questionnaires (briefs): templates of typed questions, and the answers a client gave."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import AuthorshipMixin, Base, RecordLinkMixin, TimestampMixin, utcnow

QUESTION_TYPES = ("text", "number", "choice", "multi_choice", "date", "yes_no")


class QuestionnaireTemplate(TimestampMixin, AuthorshipMixin, Base):
    """``questions`` is a list of ``{"key", "label", "type", "required", "choices"}``."""

    __tablename__ = "leads_questionnaire"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False, unique=True)
    intro: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    questions: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)


class QuestionnaireResponse(RecordLinkMixin, Base):
    """One questionnaire sent for a lead or client, and once submitted, its answers.

    ``questions`` is a copy of the template's questions when sent, so editing the template
    later never changes what a client was asked. The public URL is not kept: it holds the
    link's secret token, which ``core.links`` stores only hashed.
    """

    __tablename__ = "leads_questionnaire_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("leads_questionnaire.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(120), nullable=False)
    questions: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id",
                                                              ondelete="SET NULL"))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(nullable=False)
    submitted_at: Mapped[datetime | None]

    template: Mapped[QuestionnaireTemplate | None] = relationship()
