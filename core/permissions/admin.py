"""Administration services: edit roles, assign them, manage teams and accounts.

Each takes the acting principal, checks ``core.admin`` and works in the caller's unit of
work; the admin pages and the CLI are thin callers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select

from core.db import session
from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _
from core.identity.models import Team, User
from core.identity.users import disable_user, end_sessions
from core.permissions import ADMIN_PERMISSION, catalogue, require
from core.permissions.catalogue import set_role_permissions
from core.permissions.models import SCOPES, Role, RolePermission, RoleScope


def get_role(principal: Any, role_id: int) -> Role:
    require(principal, ADMIN_PERMISSION)
    role = session().get(Role, role_id)
    if role is None:
        raise NotFound(_("No such role."))
    return role


def create_role(principal: Any, name: str, label: str) -> Role:
    require(principal, ADMIN_PERMISSION)
    name = name.strip().lower().replace(" ", "_")
    if not name.isidentifier():
        raise ValidationError(_("The role cannot be created."),
                              fields={"name": [_("Use letters, digits and underscores.")]})
    if session().scalar(select(Role.id).where(Role.name == name)):
        raise Conflict(_("A role with this name exists already."))
    role = Role(name=name, label=label.strip() or name, edited=True)
    session().add(role)
    session().flush()
    return role


def update_role(principal: Any, role_id: int, *, label: str, permissions: set[str],
                default_scope: str, scopes: dict[str, str]) -> Role:
    """Set a role's grants; from now on seeding leaves it alone (``edited``)."""
    role = get_role(principal, role_id)
    errors: dict[str, list[str]] = {}
    unknown = permissions - set(catalogue())
    if unknown:
        errors["permissions"] = [_("Unknown permission(s): %(codes)s",
                                   codes=", ".join(sorted(unknown)))]
    if default_scope not in SCOPES:
        errors["default_scope"] = [_("Choose own, team or all.")]
    bad = [p for p, s in scopes.items() if s and s not in SCOPES]
    if bad:
        errors["scopes"] = [_("Choose own, team or all.")]
    strange = sorted(set(scopes) - set(prefixes()))
    if strange:
        errors["scopes"] = [_("Unknown area(s): %(names)s", names=", ".join(strange))]
    if (not role.grants_all and ADMIN_PERMISSION in role.permission_codes
            and ADMIN_PERMISSION not in permissions and not _admins_besides(role_id=role.id)):
        errors["permissions"] = [_("Keep %(code)s: no other active user would administer "
                                   "Kontora.", code=ADMIN_PERMISSION)]
    if errors:
        raise ValidationError(_("The role cannot be saved."), fields=errors)
    role.label = label.strip() or role.label
    if not role.grants_all:
        set_role_permissions(role, permissions)
    role.default_scope = default_scope
    wanted = {p: s for p, s in scopes.items() if s and s != default_scope}
    role.scopes = [s for s in role.scopes if wanted.get(s.prefix) == s.scope]
    kept = {s.prefix for s in role.scopes}
    role.scopes.extend(RoleScope(prefix=p, scope=s) for p, s in sorted(wanted.items())
                       if p not in kept)
    role.edited = True
    return role


def update_user(principal: Any, user_id: int, *, name: str, email: str | None, active: bool,
                role_ids: set[int], team_ids: set[int]) -> User:
    """Change an account's name, e-mail, status, roles and teams."""
    require(principal, ADMIN_PERMISSION)
    user = session().get(User, user_id)
    if user is None:
        raise NotFound(_("No such user."))
    roles = list(session().scalars(select(Role).where(Role.id.in_(role_ids))))
    teams = list(session().scalars(select(Team).where(Team.id.in_(team_ids))))
    errors: dict[str, list[str]] = {}
    if user.id == principal.id and not active:
        errors["active"] = [_("You cannot disable yourself.")]
    for field, wanted, found in (("roles", role_ids, roles), ("teams", team_ids, teams)):
        missing = sorted(set(wanted) - {row.id for row in found})
        if missing:
            errors[field] = [_("No such id: %(ids)s", ids=", ".join(map(str, missing)))]
    if (not errors and user.active and _is_admin(user.roles)
            and not (active and _is_admin(roles))
            and not _admins_besides(user_id=user.id)):
        errors["roles"] = [_("This is the last active administrator; make another one "
                             "first.")]
    if errors:
        raise ValidationError(_("The user cannot be saved."), fields=errors)
    user.name = name.strip() or user.name
    user.email = (email or "").strip() or None
    if not active:
        disable_user(user)
    user.active = active
    user.roles = roles
    user.teams = teams
    return user


def _is_admin(roles: list[Role]) -> bool:
    """Whether ``roles`` together administer Kontora (hold ``core.admin``)."""
    return any(r.grants_all or ADMIN_PERMISSION in r.permission_codes for r in roles)


def _admins_besides(*, user_id: int | None = None, role_id: int | None = None) -> bool:
    """Whether an active user other than ``user_id`` administers Kontora through a role other
    than ``role_id``: what must stay true, or nobody could manage users and roles again."""
    stmt = (select(User.id).join(User.roles)
            .where(User.active, or_(Role.grants_all,
                                    Role.permissions.any(RolePermission.permission
                                                         == ADMIN_PERMISSION))))
    if user_id is not None:
        stmt = stmt.where(User.id != user_id)
    if role_id is not None:
        stmt = stmt.where(Role.id != role_id)
    return session().scalar(stmt.limit(1)) is not None


def end_user_sessions(principal: Any, user_id: int) -> User:
    """Sign ``user_id`` out everywhere (a lost laptop, a shared password)."""
    require(principal, ADMIN_PERMISSION)
    user = session().get(User, user_id)
    if user is None:
        raise NotFound(_("No such user."))
    end_sessions(user)
    return user


def create_team(principal: Any, name: str) -> Team:
    require(principal, ADMIN_PERMISSION)
    name = name.strip()
    if not name:
        raise ValidationError(_("The team cannot be created."),
                              fields={"name": [_("Give the team a name.")]})
    if session().scalar(select(Team.id).where(func.lower(Team.name) == name.lower())):
        raise Conflict(_("A team with this name exists already."))
    team = Team(name=name)
    session().add(team)
    session().flush()
    return team


def delete_team(principal: Any, team_id: int) -> None:
    require(principal, ADMIN_PERMISSION)
    team = session().get(Team, team_id)
    if team is None:
        raise NotFound(_("No such team."))
    session().delete(team)


def prefixes() -> list[str]:
    """The permission prefixes in the catalogue (the rows of a role's scope table)."""
    return sorted({code.rpartition(".")[0] for code in catalogue()})
