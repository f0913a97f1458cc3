"""Each user's arrangement of the client profile: which sections show, in what order."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base


class ProfileSection(Base):
    """One user's choice for one section of the client page (key from the sections hook).

    A section without a row shows, expanded, in its plugin's default order; so a section
    a newly enabled plugin adds appears for everyone without a data migration.
    """

    __tablename__ = "parties_profile_section"

    user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id", ondelete="CASCADE"),
                                         primary_key=True)
    section_key: Mapped[str] = mapped_column(String(60), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    hidden: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    collapsed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
