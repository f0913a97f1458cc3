"""The acting principal: who is asking, and what they may do, resolved once per request."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from core.permissions.models import SCOPES

STAFF = "staff"
PORTAL = "portal"


def widest(a: str | None, b: str | None) -> str | None:
    """The wider of two record scopes (``None`` = no access)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if SCOPES.index(a) >= SCOPES.index(b) else b


@dataclass(frozen=True)
class Principal:
    """A signed-in staff user, portal user or API token holder.

    ``grants`` maps each permission held to the widest record scope granted with it
    (``{"offers.read": "team"}``); ``grants_all`` is the admin role. Portal principals hold
    no grant at all, so :meth:`has` is always false for them. Also the Flask-Login user.
    """

    kind: str
    id: int
    name: str
    language: str | None = None  # None: no saved preference, the browser's language applies
    timezone: str = "Europe/Bucharest"
    grants: Mapping[str, str] = field(default_factory=dict)
    grants_all: bool = False
    record_kind: str | None = None  # portal: the record the portal user acts for
    record_id: int | None = None
    token_id: int | None = None  # set when authenticated by an API token
    session_id: str = ""  # Flask-Login identifier, changes with the password

    def __post_init__(self) -> None:
        object.__setattr__(self, "grants", MappingProxyType(dict(self.grants)))

    @property
    def user_id(self) -> int | None:
        """The staff user's id (``None`` for portal principals)."""
        return self.id if self.kind == STAFF else None

    @property
    def is_admin(self) -> bool:
        return self.has("core.admin")

    def has(self, permission: str) -> bool:
        if self.kind != STAFF:
            return False
        return self.grants_all or permission in self.grants

    def scope_for(self, permission: str) -> str | None:
        """The record scope the principal holds ``permission`` with, ``None`` without it."""
        if self.kind != STAFF:
            return None
        if self.grants_all:
            return "all"
        return self.grants.get(permission)

    def restricted_to(self, permissions: Iterable[str], token_id: int) -> Principal:
        """The same principal limited to ``permissions`` (an API token's scopes)."""
        wanted = set(permissions)
        if self.grants_all:
            grants = {p: "all" for p in wanted}
        else:
            grants = {p: s for p, s in self.grants.items() if p in wanted}
        return Principal(kind=self.kind, id=self.id, name=self.name, language=self.language,
                         timezone=self.timezone, grants=grants, token_id=token_id)

    # Flask-Login's user protocol.
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return self.session_id
