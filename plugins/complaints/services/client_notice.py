"""Telling the client that its complaint moved, by e-mail, with a link to follow it.

The address and language are the client's own: the portal user who filed the complaint
(its e-mail and chosen language), else the client's e-mail, else its primary contact's;
a client with no portal language reads the language of its country when Kontora speaks
it, else the instance's. The link opens the complaint's status page (no sign-in; it only
shows the number, status, dates and resolution).
"""

from __future__ import annotations

from datetime import timedelta

from core.db import session
from core.i18n import country_language, force_locale
from core.identity.models import PortalUser
from core.kernel import kontora
from core.links import make_link
from core.mail import send_mail
from plugins.complaints.models import Complaint
from plugins.complaints.workflow import status_label
from plugins.parties.models import Client

VIEW_PURPOSE = "complaints.view"
LINK_VALID_FOR = timedelta(days=365)


def _contact_email(client: Client) -> str | None:
    """The e-mail of the client's primary contact (its preferred one first)."""
    for link in sorted(client.contact_links, key=lambda c: not c.is_primary):
        methods = sorted(
            (m for m in link.contact.methods if m.channel == "email"), key=lambda m: not m.preferred
        )
        if methods:
            return methods[0].value
    return None


def client_recipient(complaint: Complaint) -> tuple[str, str] | None:
    """(address, language) of the client for ``complaint``, or None if it has no e-mail."""
    default = kontora().settings.language
    if complaint.portal_user_id is not None:
        user = session().get(PortalUser, complaint.portal_user_id)
        if user is not None and user.active:
            return user.email, user.language or default
    client = session().get(Client, complaint.party_id)
    if client is None:
        return None
    address = client.email or _contact_email(client)
    if not address:
        return None
    return address, country_language(client.country, default)


def tell_client(complaint: Complaint, comment: str | None) -> None:
    """E-mail the client the complaint's new status (and the comment or resolution) with a
    link to its status page; joins the caller's unit of work, so a rollback sends nothing."""
    recipient = client_recipient(complaint)
    if recipient is None:
        return
    address, language = recipient
    with force_locale(language):
        status = status_label(complaint.status)
    link = make_link(
        VIEW_PURPOSE,
        "complaints.complaint",
        complaint.id,
        expires_in=LINK_VALID_FOR,
        single_use=False,
    )
    send_mail(
        address,
        template="complaints/client-status",
        language=language,
        context={
            "client": complaint.party.name,
            "number": complaint.number,
            "status": status,
            "comment": comment or "",
            "link": link,
        },
        record=("complaints.complaint", complaint.id),
        secret=True,
    )
