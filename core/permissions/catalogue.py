"""The permission catalogue (from ``kontora_permissions``) and the seeding of default roles."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.kernel import kontora
from core.permissions.models import Role, RolePermission

EXTENSION = "kontora.permissions"

ADMIN_PERMISSION = "core.admin"


@dataclass(frozen=True)
class DefaultRole:
    """A role the kernel seeds; plugins add grants to it by name."""

    name: str
    label: str
    default_scope: str = "all"
    grants_all: bool = False


DEFAULT_ROLES = (
    DefaultRole("admin", "Administrator", grants_all=True),
    DefaultRole("sales_manager", "Sales manager"),
    DefaultRole("salesperson", "Salesperson", default_scope="team"),
    DefaultRole("accountant", "Accountant"),
    DefaultRole("logistics", "Logistics"),
)
"""Kernel roles. A salesperson sees their own and their teams' records; others see all."""


def build_catalogue(app: Flask) -> None:
    """Collect every enabled plugin's permissions and default grants once per application."""

    k = kontora(app)
    codes: dict[str, str] = {}
    for code, label in k.collect("kontora_permissions"):
        if code in codes:
            raise ValueError(f"permission {code!r} is declared twice")
        if "." not in code:
            raise ValueError(f"permission {code!r} must be named '<prefix>.<action>'")
        codes[code] = label
    grants: dict[str, set[str]] = {}
    for result in k.pm.hook.kontora_default_roles():
        for role_name, perms in (result or {}).items():
            unknown = set(perms) - set(codes)
            if unknown:
                raise ValueError(f"default role {role_name!r} grants undeclared permission(s) "
                                 f"{', '.join(sorted(unknown))}")
            grants.setdefault(role_name, set()).update(perms)
    app.extensions[EXTENSION] = {"codes": codes, "grants": grants}


def catalogue(app: Flask | None = None) -> dict[str, str]:
    """Every permission of the enabled plugins: ``{code: label}``."""
    return (app or current_app).extensions[EXTENSION]["codes"]


def default_grants(app: Flask | None = None) -> dict[str, set[str]]:
    """Default role grants merged from every plugin: ``{role name: {codes}}``."""
    return (app or current_app).extensions[EXTENSION]["grants"]


def seed_roles(sess: Session, app: Flask | None = None) -> list[str]:
    """Create missing default roles and bring unedited ones up to date; return what changed.

    A role an admin has edited keeps its grants whatever the plugins now say.
    """
    grants = default_grants(app)
    defined = {d.name: d for d in DEFAULT_ROLES}
    for name in grants:
        defined.setdefault(name, DefaultRole(name, name.replace("_", " ").capitalize()))
    existing = {r.name: r for r in sess.scalars(
        select(Role).options(selectinload(Role.permissions)))}
    changed = []
    for name, spec in defined.items():
        role = existing.get(name)
        wanted = set() if spec.grants_all else grants.get(name, set())
        if role is None:
            role = Role(name=name, label=spec.label, grants_all=spec.grants_all,
                        default_scope=spec.default_scope)
            sess.add(role)
        elif role.edited or role.permission_codes == wanted:
            continue
        set_role_permissions(role, wanted)
        changed.append(name)
    sess.flush()
    return changed


def set_role_permissions(role: Role, codes: set[str]) -> None:
    """Make ``role`` grant exactly ``codes``, keeping the rows that stay (no key clash)."""
    role.permissions = [p for p in role.permissions if p.permission in codes]
    have = role.permission_codes
    role.permissions.extend(RolePermission(permission=c) for c in sorted(codes - have))
