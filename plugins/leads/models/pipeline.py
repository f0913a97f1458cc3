"""Sales pipelines, their ordered stages, and the reasons a deal is lost."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base


class Pipeline(Base):
    """A named sequence of stages; ``is_default`` is where new leads go when none is named."""

    __tablename__ = "leads_pipeline"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    is_default: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    stages: Mapped[list[Stage]] = relationship(
        back_populates="pipeline", cascade="all, delete-orphan",
        order_by="(Stage.position, Stage.id)")

    def first_open_stage(self) -> Stage | None:
        return next((s for s in self.stages if not s.is_closed), None)


class Stage(Base):
    """One step of a pipeline. A won or lost stage ends the deal (never both).

    ``probability`` (0-100) weighs the budgets of open leads in forecasts.
    """

    __tablename__ = "leads_stage"
    __table_args__ = (
        UniqueConstraint("pipeline_id", "name"),
        CheckConstraint("NOT (is_won AND is_lost)", name="won_or_lost"),
        CheckConstraint("probability BETWEEN 0 AND 100", name="probability"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pipeline_id: Mapped[int] = mapped_column(
        ForeignKey("leads_pipeline.id", ondelete="CASCADE"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    probability: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    is_won: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_lost: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    pipeline: Mapped[Pipeline] = relationship(back_populates="stages")

    @property
    def is_closed(self) -> bool:
        return self.is_won or self.is_lost

    @property
    def outcome(self) -> str:
        """The lead status this stage gives: ``open``, ``won`` or ``lost``."""
        return "won" if self.is_won else "lost" if self.is_lost else "open"


class LostReason(Base):
    """Why a deal was lost ("price", "went to a competitor"), picked from an admin list."""

    __tablename__ = "leads_lost_reason"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False, unique=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
