"""Staff accounts: create, authenticate, change password, disable; build their principals."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from zoneinfo import available_timezones

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from core.db import session, utcnow
from core.errors import Conflict, NotFound, ValidationError
from core.i18n import LANGUAGES
from core.i18n import gettext as _
from core.identity.models import PortalUser, User
from core.identity.passwords import (
    hash_password,
    needs_rehash,
    password_problems,
    verify_password,
)
from core.identity.principal import PORTAL, STAFF, Principal, widest
from core.permissions.catalogue import catalogue
from core.permissions.models import Role


def find_user(login: str) -> User | None:
    """The user whose login (or e-mail) is ``login``, case-insensitively."""
    text = login.strip().lower()
    return session().scalars(
        select(User).where((func.lower(User.login) == text) | (func.lower(User.email) == text))
        .order_by(User.id)
    ).first()


def create_user(login: str, name: str, *, email: str | None = None,
                password: str | None = None, roles: list[str] = (),
                language: str | None = None) -> User:
    """A new active staff user holding ``roles`` (role names).

    Without ``language`` the user follows their browser's language until they choose one.
    """
    login = login.strip()
    if not login:
        raise ValidationError("login is required", fields={"login": ["Required."]})
    if session().scalar(select(User.id).where(func.lower(User.login) == login.lower())):
        raise Conflict(f"a user with login {login!r} exists already")
    if language is not None and language not in LANGUAGES:
        raise ValidationError(f"no language {language!r}",
                              fields={"language": [f"One of {', '.join(LANGUAGES)}."]})
    user = User(login=login, name=name.strip() or login, email=email or None, language=language)
    if password is not None:
        set_password(user, password)
    found = {r.name: r for r in session().scalars(select(Role).where(Role.name.in_(roles)))}
    unknown = [name for name in roles if name not in found]
    if unknown:
        raise ValidationError(f"no role named {', '.join(unknown)}",
                              fields={"roles": [f"Unknown role {n!r}." for n in unknown]})
    user.roles = [found[name] for name in dict.fromkeys(roles)]
    session().add(user)
    session().flush()
    return user


def set_password(user: User, password: str) -> None:
    """Hash and store a new password; open sessions and reset links of the old one end."""
    problems = password_problems(password)
    if problems:
        raise ValidationError("the password is not acceptable", fields={"password": problems})
    user.password_hash = hash_password(password)


def authenticate(login: str, password: str) -> User | None:
    """The active user with these credentials, or ``None``; upgrades old hashes in passing."""
    return authenticate_user(find_user(login), password)


def authenticate_user(user: User | None, password: str) -> User | None:
    """:func:`authenticate` for an account already looked up (``None``: no such login)."""
    if user is None or not user.active:
        verify_password(None, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash or ""):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def session_digest(account: User | PortalUser) -> str:
    """What a session cookie must carry to stay valid: a digest of the account's session
    generation and password hash, so raising the one or changing the other ends every
    session, and the cookie (signed, not encrypted) shows nothing of either."""
    material = f"{account.session_generation or 0}:{account.password_hash or ''}"
    return hashlib.sha256(material.encode()).hexdigest()[:32]


def staff_session_id(user: User) -> str:
    return f"{STAFF}:{user.id}:{session_digest(user)}"


def portal_session_id(portal_user: PortalUser) -> str:
    return f"{PORTAL}:{portal_user.id}:{session_digest(portal_user)}"


def end_sessions(account: User | PortalUser) -> None:
    """End every open session of ``account`` on every device, from its next request on.

    Raised in SQL (``+ 1``), so two concurrent ends cannot undo each other.
    """
    account.session_generation = type(account).session_generation + 1  # type: ignore[assignment]


def end_sessions_of(principal: Principal) -> None:
    """:func:`end_sessions` for the account behind ``principal``; called with an API token
    it ends the web sessions of the token's user (the token itself lives on)."""
    account = session().get(User if principal.kind == STAFF else PortalUser, principal.id)
    if account is not None:
        end_sessions(account)


def change_password(principal: Principal, current: str, password: str) -> User:
    """Change the signed-in staff user's own password, knowing the current one.

    Every web session of the account ends with the old password (the caller signs its own
    browser in again); API tokens are not tied to the password and live on.
    """
    user = session().get(User, principal.id) if principal.kind == STAFF else None
    if user is None:
        raise NotFound(_("No such user."))
    if authenticate_user(user, current) is None:
        raise ValidationError(_("The password is not changed."),
                              fields={"current": [_("This is not your current password.")]})
    set_password(user, password)
    return user


def disable_user(user: User) -> None:
    """Disable ``user``: no sign-in, and the open sessions end for good (enabling the account
    again does not revive them)."""
    if user.active:
        end_sessions(user)
    user.active = False


def staff_principal(user: User) -> Principal:
    """The principal of ``user``: the widest scope each permission is granted with."""

    roles = session().scalars(
        select(Role).join(Role.users).where(User.id == user.id)
        .options(selectinload(Role.permissions), selectinload(Role.scopes))
    ).all()
    grants: dict[str, str] = {}
    grants_all = any(r.grants_all for r in roles)
    for role in roles:
        codes = set(catalogue()) if role.grants_all else role.permission_codes
        for code in codes:
            grants[code] = widest(grants.get(code), role.scope_for(code.rpartition(".")[0])) or ""
    return Principal(kind=STAFF, id=user.id, name=user.name, language=user.language,
                     timezone=user.timezone, grants=grants, grants_all=grants_all,
                     session_id=staff_session_id(user))


def set_preferences(principal: Principal, values: Mapping[str, str]) -> None:
    """Save the signed-in account's ``language`` ("" follows the browser) and ``timezone``.

    Only the keys given change. The web preferences page, the language switcher and the API
    call this; an API token changes its user's preferences.
    """
    errors: dict[str, list[str]] = {}
    language = values.get("language")
    if language and language not in LANGUAGES:
        errors["language"] = [_("Choose one of the offered languages.")]
    zone = values.get("timezone")
    if "timezone" in values and zone not in available_timezones():
        errors["timezone"] = [_("Choose a time zone from the list.")]
    if errors:
        raise ValidationError(_("Some fields are not valid."), fields=errors)
    account = session().get(User if principal.kind == STAFF else PortalUser, principal.id)
    if account is None:
        return
    if "language" in values:
        account.language = language or None
    if "timezone" in values:
        account.timezone = zone


def portal_principal(portal_user: PortalUser) -> Principal:
    """The principal of a portal user: the record they act for, and no staff permission."""
    return Principal(kind=PORTAL, id=portal_user.id, name=portal_user.name,
                     language=portal_user.language, timezone=portal_user.timezone,
                     record_kind=portal_user.record_kind, record_id=portal_user.record_id,
                     session_id=portal_session_id(portal_user))


def principal_from_session_id(session_id: str) -> Principal | None:
    """Resolve a Flask-Login identifier; a changed password, a disabled account or ended
    sessions (:func:`end_sessions`) end it."""
    kind, _, rest = session_id.partition(":")
    raw_id, _, digest = rest.partition(":")
    if not raw_id.isdigit():
        return None
    model = {STAFF: User, PORTAL: PortalUser}.get(kind)
    if model is None:
        return None
    account = session().get(model, int(raw_id))
    if account is None or not account.active or \
            not hmac.compare_digest(session_digest(account), digest):
        return None
    return staff_principal(account) if kind == STAFF else portal_principal(account)


def principal_for(user_id: int) -> Principal | None:
    """The principal of the active staff user ``user_id`` (jobs and the CLI act as users)."""
    user = session().get(User, user_id)
    return staff_principal(user) if user is not None and user.active else None


def authenticate_portal(email: str, password: str) -> PortalUser | None:
    """The active portal user with these credentials, or ``None`` (for the portal plugin)."""
    account = session().scalars(
        select(PortalUser).where(func.lower(PortalUser.email) == email.strip().lower())
    ).first()
    if account is None or not account.active:
        verify_password(None, password)
        return None
    return account if verify_password(account.password_hash, password) else None
