"""Who may act: staff users, teams, portal users and API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Index, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, RecordLinkMixin, TimestampMixin

if TYPE_CHECKING:
    from core.permissions.models import Role

team_member = Table(
    "core_team_member",
    Base.metadata,
    Column("team_id", ForeignKey("core_team.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("core_user.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class User(TimestampMixin, Base):
    """A member of staff who logs in to the web UI or calls the API."""

    __tablename__ = "core_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(150), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    language: Mapped[str | None] = mapped_column(String(8))  # None: the browser's language
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default="Europe/Bucharest")
    last_login_at: Mapped[datetime | None]
    session_generation: Mapped[int] = mapped_column(Integer, nullable=False, default=0,
                                                    server_default="0")
    """Raised to end every open session (logout, disabling, "sign out everywhere")."""

    roles: Mapped[list[Role]] = relationship(
        secondary="core_user_role", back_populates="users", order_by="Role.name")
    teams: Mapped[list[Team]] = relationship(secondary=team_member, back_populates="members",
                                             order_by="Team.name")


class Team(TimestampMixin, Base):
    """A group of staff; the ``team`` record rule lets members see each other's records."""

    __tablename__ = "core_team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150), unique=True, nullable=False)

    members: Mapped[list[User]] = relationship(secondary=team_member, back_populates="teams",
                                               order_by="User.name")


class PortalUser(TimestampMixin, RecordLinkMixin, Base):
    """An outside person (a client's contact) who signs in to the portal.

    Linked to the record they act for (``("parties.party", 7)``); holds no staff permission,
    whatever roles exist. The portal plugin decides what they see.
    """

    __tablename__ = "core_portal_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    language: Mapped[str | None] = mapped_column(String(8))  # None: the browser's language
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default="Europe/Bucharest")
    session_generation: Mapped[int] = mapped_column(Integer, nullable=False, default=0,
                                                    server_default="0")
    """Raised to end every open session of the portal user."""


class ApiToken(TimestampMixin, Base):
    """A bearer token of one user, limited to some of the user's permissions.

    Only ``lookup`` (public, indexed) and the SHA-256 of the whole token are stored; the
    token itself is shown once, when it is made.
    """

    __tablename__ = "core_api_token"
    __table_args__ = (Index("ix_core_api_token_user", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id", ondelete="CASCADE"),
                                         nullable=False)
    name: Mapped[str] = mapped_column(String(150), nullable=False)
    lookup: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    secret_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    permissions: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
