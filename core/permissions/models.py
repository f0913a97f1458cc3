"""Roles: named sets of permissions plus the record scope they grant per kind prefix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TimestampMixin

if TYPE_CHECKING:
    from core.identity.models import User

SCOPES = ("own", "team", "all")
"""Record scopes, narrowest first: the owner's records, the owner's teams' records, all."""

user_role = Table(
    "core_user_role",
    Base.metadata,
    Column("user_id", ForeignKey("core_user.id", ondelete="CASCADE"), primary_key=True),
    Column("role_id", ForeignKey("core_role.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class Role(TimestampMixin, Base):
    """A role users hold. ``grants_all`` (the admin role) means every permission, scope all.

    ``edited`` is set once an admin changes the role; seeding never touches it afterwards.
    """

    __tablename__ = "core_role"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    label: Mapped[str] = mapped_column(String(150), nullable=False)
    grants_all: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    default_scope: Mapped[str] = mapped_column(String(8), nullable=False, default="all")
    edited: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    permissions: Mapped[list[RolePermission]] = relationship(
        back_populates="role", cascade="all, delete-orphan", order_by="RolePermission.permission")
    scopes: Mapped[list[RoleScope]] = relationship(
        back_populates="role", cascade="all, delete-orphan", order_by="RoleScope.prefix")
    users: Mapped[list[User]] = relationship(secondary=user_role, back_populates="roles")

    @property
    def permission_codes(self) -> set[str]:
        return {p.permission for p in self.permissions}

    def scope_for(self, prefix: str) -> str:
        """The record scope this role grants on kinds named ``prefix``."""
        if self.grants_all:
            return "all"
        for s in self.scopes:
            if s.prefix == prefix:
                return s.scope
        return self.default_scope


class RolePermission(Base):
    """One permission code a role grants."""

    __tablename__ = "core_role_permission"

    role_id: Mapped[int] = mapped_column(ForeignKey("core_role.id", ondelete="CASCADE"),
                                         primary_key=True)
    permission: Mapped[str] = mapped_column(String(100), primary_key=True)

    role: Mapped[Role] = relationship(back_populates="permissions")


class RoleScope(Base):
    """The record scope a role grants for one permission prefix, overriding its default."""

    __tablename__ = "core_role_scope"

    role_id: Mapped[int] = mapped_column(ForeignKey("core_role.id", ondelete="CASCADE"),
                                         primary_key=True)
    prefix: Mapped[str] = mapped_column(String(64), primary_key=True)
    scope: Mapped[str] = mapped_column(String(8), nullable=False)

    role: Mapped[Role] = relationship(back_populates="scopes")
