"""Creating, changing and moving leads, and their contact persons.

``create_lead`` is also what the web forms, the website API and the company mailbox
call: they differ only in ``source`` and in who acts (a public form acts as nobody, and
its lead belongs to the form's owner).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm.exc import StaleDataError

from core.db import session
from core.errors import Forbidden, NotFound, ValidationError
from core.i18n import gettext as _
from core.identity.models import User
from core.kernel import kontora
from core.mail import send_mail
from core.permissions import require
from core.permissions.rules import may_own
from core.services import act_as, check_references, locked
from core.web.notifications import notify
from plugins.leads.exceptions import InvalidLeadData, StaleLead
from plugins.leads.models import Lead, LeadContact
from plugins.leads.schemas import LeadContactSchema, LeadSchema, MoveSchema
from plugins.leads.services.common import check_version, load, load_lead

EDITABLE = ("title", "source_ref", "client_kind", "company_name", "person_name", "email",
            "phone", "country", "tax_id", "client_id", "budget", "currency", "pipeline_id",
            "stage_id", "lost_reason_id", "lost_note", "description")


def create_lead(principal: Any, data: dict[str, Any], *, source: str = "manual",
                notify_owner: bool = False) -> Lead:
    """Create a lead from ``data`` (the fields of :class:`LeadSchema`, plus ``contacts``: a
    list of ``{"name", "job_title", "email", "phone", "is_primary"}``).

    Needs ``leads.write`` or ``leads.create`` (the website API's narrow permission).
    ``source`` wins over a source in ``data``; the title defaults to the company, person or
    e-mail; a ``person_name`` with no ``contacts`` becomes the primary contact. The owner
    is the principal unless ``owner_id`` names someone their scope covers.
    ``notify_owner`` tells the owner about the lead when someone else made it.
    """
    if principal is None or not (principal.has("leads.write") or principal.has("leads.create")):
        require(principal, "leads.write")
    act_as(principal)
    permission = "leads.write" if principal.has("leads.write") else "leads.create"
    owner_id = data.get("owner_id") if isinstance(data, dict) else None
    if owner_id is not None and owner_id != principal.user_id and \
            not may_own(principal, permission, owner_id):
        raise Forbidden(_("You may not give this record to that owner."))
    if isinstance(data, dict):
        check_references(principal, Lead, data)  # a client the caller may not read: 422
    lead = new_lead(data, source=source, owner_id=owner_id or principal.user_id,
                    actor_id=principal.user_id)
    if notify_owner and lead.owner_id and lead.owner_id != principal.user_id:
        notify_new_lead(lead)
    return lead


def new_lead(data: Any, *, source: str, owner_id: int | None, actor_id: int | None,
             web_form_id: int | None = None) -> Lead:
    """Validate and add a lead without any permission check (callers have checked)."""
    if not isinstance(data, dict):
        raise InvalidLeadData({"_schema": [_("Expected an object.")]})
    data = dict(data)
    contacts = data.pop("contacts", None) or []
    data.pop("owner_id", None)
    data["source"] = source
    if not (isinstance(data.get("title"), str) and data["title"].strip()):
        guess = next((data[k] for k in ("company_name", "person_name", "email")
                      if isinstance(data.get(k), str) and data[k].strip()), None)
        if guess:
            data["title"] = guess.strip()[:200]
    values = load(LeadSchema(), data)
    if not isinstance(contacts, list) or len(contacts) > 50:
        raise InvalidLeadData({"contacts": [_("Give a list of at most 50 contacts.")]})
    people = [_contact_values(item, n) for n, item in enumerate(contacts)]
    if not people and values.get("person_name"):
        people = [{"name": values["person_name"], "email": values.get("email"),
                   "phone": values.get("phone"), "is_primary": True, "job_title": None}]
    lead = Lead(**values, owner_id=owner_id, created_by_id=actor_id, updated_by_id=actor_id,
                web_form_id=web_form_id)
    lead.contacts = [LeadContact(**p) for p in people]
    if lead.contacts and not any(c.is_primary for c in lead.contacts):
        lead.contacts[0].is_primary = True
    session().add(lead)
    try:
        session().flush()
    except ValidationError:
        session().expunge(lead)  # so the unit of work stays usable
        raise
    return lead


def _contact_values(item: Any, number: int) -> dict[str, Any]:
    try:
        return load(LeadContactSchema(), item)
    except ValidationError as exc:
        raise InvalidLeadData({f"contacts.{number}.{k}": v
                               for k, v in (exc.fields or {}).items()}) from None


def notify_new_lead(lead: Lead) -> None:
    """Tell the lead's owner a lead arrived (bell notification and e-mail)."""
    from plugins.leads.links import lead_path

    if lead.owner_id is None:
        return
    message = _("New lead: %(title)s", title=lead.title)
    notify(lead.owner_id, message, link=lead_path(lead.id))
    owner = session().get(User, lead.owner_id)
    if owner is not None and owner.email:

        send_mail(owner.email, template="leads/new-lead", language=owner.language,
                  context={"lead": lead, "link": lead_url(lead.id)},
                  record=("leads.lead", lead.id))


def lead_url(lead_id: int) -> str:
    from plugins.leads.links import lead_path

    return kontora().settings.base_url + lead_path(lead_id)


def update_lead(principal: Any, lead_id: int, data: dict[str, Any], *,
                expected_version: int | None = None) -> Lead:
    """Change the fields given in ``data`` (a stage change follows the stage rules)."""
    lead = load_lead(principal, lead_id, "write")
    check_version(lead, expected_version)
    act_as(principal)
    if not isinstance(data, dict):
        raise InvalidLeadData({"_schema": [_("Expected an object.")]})
    unknown = set(data) - set(EDITABLE) - {"owner_id"}
    if unknown:
        raise InvalidLeadData({k: [_("This field cannot be changed here.")]
                               for k in sorted(unknown)})
    values = load(LeadSchema(), data, partial=True)
    check_references(principal, Lead, values, lead)
    if "owner_id" in values and values["owner_id"] != lead.owner_id and \
            not may_own(principal, "leads.write", values["owner_id"]):
        raise Forbidden(_("You may not give this record to that owner."))
    for key, value in values.items():
        if key in data and getattr(lead, key) != value:
            setattr(lead, key, value)
    lead.updated_by_id = principal.user_id
    flush_lead(lead)
    return lead


def move_lead(principal: Any, lead_id: int, data: dict[str, Any]) -> Lead:
    """Move the lead to ``stage_id`` (any stage of any pipeline); a lost stage needs
    ``lost_reason_id``. ``version`` guards against moving a card someone else just moved."""
    values = load(MoveSchema(), data)
    lead = locked(load_lead(principal, lead_id, "write"))
    check_version(lead, values.get("version"))
    act_as(principal)
    if values.get("lost_reason_id") is not None:
        from plugins.leads.models import LostReason

        reason = session().get(LostReason, values["lost_reason_id"])
        if reason is None:
            raise InvalidLeadData({"lost_reason_id": [_("There is no such record.")]})
        lead.lost_reason_id = reason.id
        lead.lost_note = values.get("lost_note")
    if lead.stage_id != values["stage_id"]:
        lead.stage_id = values["stage_id"]
        lead.updated_by_id = principal.user_id
    flush_lead(lead)
    return lead


def add_lead_contact(principal: Any, lead_id: int, data: dict[str, Any]) -> LeadContact:
    lead = load_lead(principal, lead_id, "write")
    act_as(principal)
    values = load(LeadContactSchema(), data)
    if values["is_primary"] or not lead.contacts:
        for other in lead.contacts:
            other.is_primary = False
        values["is_primary"] = True
    contact = LeadContact(**values)
    lead.contacts.append(contact)
    session().flush()
    return contact


def remove_lead_contact(principal: Any, lead_id: int, contact_id: int) -> None:
    lead = load_lead(principal, lead_id, "write")
    act_as(principal)
    contact = next((c for c in lead.contacts if c.id == contact_id), None)
    if contact is None:

        raise NotFound(_("There is no such contact."))
    lead.contacts.remove(contact)
    if lead.contacts and not any(c.is_primary for c in lead.contacts):
        lead.contacts[0].is_primary = True
    session().flush()


def flush_lead(lead: Lead) -> None:
    """Flush the lead's changes; when the stage rules refuse them, forget them, so the
    unit of work stays usable and the lead reads as stored."""
    try:
        session().flush()
    except StaleDataError:
        raise StaleLead() from None
    except ValidationError:
        session().refresh(lead)
        raise
