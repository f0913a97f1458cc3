"""Web forms designed in Kontora and embedded in the company's websites."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import AuthorshipMixin, Base, OwnerMixin, TimestampMixin, VersionMixin


class WebForm(TimestampMixin, AuthorshipMixin, OwnerMixin, VersionMixin, Base):
    """A public form whose submissions become leads owned by (and notified to) ``owner_id``.

    ``key`` is the unguessable public name in the endpoint URL. ``fields`` is a list of
    ``{"name": <lead field>, "required": bool, "labels": {lang: text}}``;
    ``thank_you`` maps a language to the message shown after sending; ``allowed_origins``
    holds one origin (``https://www.example.ro``) per line, the only ones CORS lets in.
    """

    __tablename__ = "leads_web_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    key: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    pipeline_id: Mapped[int | None] = mapped_column(
        ForeignKey("leads_pipeline.id", ondelete="SET NULL"))
    fields: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    thank_you: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    allowed_origins: Mapped[str] = mapped_column(Text, nullable=False, default="")

    @property
    def origins(self) -> list[str]:
        return [o.strip().rstrip("/") for o in self.allowed_origins.splitlines() if o.strip()]
