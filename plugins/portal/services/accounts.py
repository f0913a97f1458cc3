"""Portal accounts: staff invite a client's contact, who sets a password or signs in by
an e-mailed magic link.

Both links are kernel client links (itsdangerous-signed, only their SHA-256 kept, single
use, expiring) about the portal user (``core.portal_user``). A magic link is asked for by
address; the answer is the same whether the address is known or not.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from marshmallow import Schema, fields, validate
from sqlalchemy import func, select

from core.db import session
from core.errors import NotFound, ValidationError
from core.i18n import gettext as _
from core.identity.models import PortalUser
from core.identity.passwords import hash_password, password_problems
from core.identity.throttle import count_for_account
from core.identity.users import end_sessions
from core.links.service import consume_link, create_link, link_url, resolve_link
from core.mail import send_mail
from core.services import load_record, lock_record, service
from core.services import validate as validate_input
from plugins.parties.models import Client
from plugins.portal.models import PortalAccess
from plugins.portal.services.access import CLIENT, first_access

ACCOUNT = "core.portal_user"
INVITATION = "portal.invitation"
MAGIC_LINK = "portal.magic-link"
INVITATION_TTL = timedelta(days=7)
MAGIC_LINK_TTL = timedelta(minutes=20)
MAGIC_LINK_LIMIT = "5 per hour"
"""Magic-link mails one portal account gets, whoever asks for them."""


class InvitationSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))


def find_account(email: str) -> PortalUser | None:
    return session().scalars(select(PortalUser).where(
        func.lower(PortalUser.email) == email.strip().lower())).first()


@service("portal.invite")
def invite(principal: Any, client_id: int, data: Any) -> PortalUser:
    """Give ``email`` access to the client's portal and e-mail an invitation link.

    Inviting an address that has an account already adds the client to it; inviting
    twice sends a fresh link and adds nothing. The client's row is locked, so two clicks
    at once make one account.
    """
    load_record(principal, CLIENT, client_id)
    values = validate_input(InvitationSchema(), data)
    client = lock_record(Client, client_id)
    email = values["email"].strip()
    account = find_account(email)
    if account is None:
        account = PortalUser(email=email, name=values["name"].strip(), record_kind=CLIENT,
                             record_id=client.id)
        session().add(account)
        session().flush()
    elif not account.active:
        raise ValidationError(_("This portal account is disabled."),
                              fields={"email": [_("This portal account is disabled.")]})
    exists = session().scalar(select(PortalAccess.id).where(
        PortalAccess.portal_user_id == account.id, PortalAccess.client_id == client.id))
    if exists is None:
        session().add(PortalAccess(portal_user_id=account.id, client_id=client.id,
                                   invited_by_id=principal.user_id))
    if account.record_id is None:
        account.record_kind, account.record_id = CLIENT, client.id
    _link, token = create_link(INVITATION, ACCOUNT, account.id, expires_in=INVITATION_TTL,
                               single_use=True)
    send_mail(account.email, template="portal/invitation",
              context={"name": account.name, "client": client.name, "link": link_url(token)},
              language=account.language, record=(CLIENT, client.id), secret=True)
    session().flush()
    return account


def link_account(token: str, purpose: str) -> PortalUser:
    """The account a still usable link of ``purpose`` is for (the link error page
    otherwise)."""
    link = resolve_link(token, purpose)
    return session().get(PortalUser, link.record_id)


def accept_invitation(token: str, password: str) -> PortalUser:
    """Set the invited account's password; the link works once."""
    link = resolve_link(token, INVITATION)
    problems = password_problems(password)
    if problems:
        raise ValidationError(_("The password is not acceptable."),
                              fields={"password": problems})
    account = lock_record(PortalUser, link.record_id)
    consume_link(link)
    account.password_hash = hash_password(password)
    return account


def send_magic_link(email: str) -> None:
    """E-mail a sign-in link to the active portal account of ``email``, if there is one,
    at most :data:`MAGIC_LINK_LIMIT` times an hour."""
    account = find_account(email)
    if account is None or not account.active or not count_for_account(
            "portal-magic-link", MAGIC_LINK_LIMIT, account.id):
        return
    _link, token = create_link(MAGIC_LINK, ACCOUNT, account.id, expires_in=MAGIC_LINK_TTL,
                               single_use=True)
    send_mail(account.email, template="portal/magic-link",
              context={"name": account.name, "link": link_url(token)},
              language=account.language, secret=True)


def magic_sign_in(token: str) -> PortalUser:
    """The account a magic link signs in; the link works once."""
    link = resolve_link(token, MAGIC_LINK)
    account = lock_record(PortalUser, link.record_id)
    consume_link(link)
    if not account.active:
        raise ValidationError(_("This portal account is disabled."))
    return account


@service("portal.invite")
def revoke_access(principal: Any, client_id: int, portal_user_id: int) -> None:
    """Take the client away from a portal user; its open sessions end at once (another
    client it still has becomes current at its next sign-in)."""
    load_record(principal, CLIENT, client_id)
    account = lock_record(PortalUser, portal_user_id)
    access = session().scalars(select(PortalAccess).where(
        PortalAccess.portal_user_id == portal_user_id,
        PortalAccess.client_id == client_id)).first()
    if account is None or access is None:
        raise NotFound(_("This person has no access to the client's portal."))
    session().delete(access)
    session().flush()
    first_access(account)
    end_sessions(account)
