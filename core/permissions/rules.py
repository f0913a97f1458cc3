"""Record rules: the WHERE clause that keeps a principal to the rows their scope allows."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, false, inspect, or_, select

from core.db import session
from core.identity.models import team_member
from core.kernel import kontora

S = TypeVar("S", bound=Select)


def prefix_of(model: Any) -> str | None:
    """The permission prefix of ``model`` (class or alias), from its record kind."""

    kind = kontora().kinds.of_model(inspect(model).mapper.class_)
    return kind.permission_prefix if kind is not None else None


def scope(stmt: S, model: Any, principal: Any, action: str = "read", *,
          prefix: str | None = None) -> S:
    """Limit ``stmt`` to the rows of ``model`` that ``principal`` may ``action``.

    The rule runs inside the SQL, so lists, counts, search, exports and the API share it.
    A principal without ``<prefix>.<action>`` gets no row; scope ``own`` keeps rows they
    own, ``team`` adds rows owned by members of their teams, ``all`` keeps every row.
    Rows without an owner are seen only with scope ``all``. Models that are no record
    kind (and get no ``prefix``) are left unscoped, as are models without ``owner_id``.
    """
    prefix = prefix or prefix_of(model)
    if prefix is None:
        return stmt
    level = principal.scope_for(f"{prefix}.{action}") if principal is not None else None
    if level is None:
        return stmt.where(false())
    owner = getattr(model, "owner_id", None)
    if owner is None or level == "all":
        return stmt
    if level == "own":
        return stmt.where(owner == principal.user_id)
    return stmt.where(or_(owner == principal.user_id, owner.in_(team_mates(principal.user_id))))


def team_mates(user_id: int | None) -> Select:
    """The ids of users sharing a team with ``user_id`` (themselves included)."""
    mine, mates = team_member.alias("my_team"), team_member.alias("team_mate")
    return (select(mates.c.user_id).join(mine, mine.c.team_id == mates.c.team_id)
            .where(mine.c.user_id == user_id))


def may_own(principal: Any, permission: str, owner_id: int | None) -> bool:
    """Whether ``principal``'s scope for ``permission`` covers records owned by ``owner_id``
    (so they may hand a record to that owner)."""

    level = principal.scope_for(permission) if principal is not None else None
    if level == "all":
        return True
    if level is None or owner_id is None:
        return False
    if owner_id == principal.user_id:
        return True
    return level == "team" and owner_id in set(session().scalars(team_mates(principal.user_id)))
