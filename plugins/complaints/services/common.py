"""What every complaint service shares: loading within record rules, the subject check,
the timeline and telling the people concerned."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from core.db import session
from core.errors import Forbidden, NotFound
from core.i18n import force_locale
from core.i18n import gettext as _
from core.identity.models import User
from core.kernel import kontora
from core.mail import send_mail
from core.permissions import scope
from core.services import load_record
from core.web.notifications import notify
from plugins.activities.models import Note
from plugins.complaints.exceptions import InvalidComplaintData, StaleComplaint
from plugins.complaints.links import external_url, site_path
from plugins.complaints.models import Complaint

KIND = "complaints.complaint"
PRODUCT = "catalog.product"
CLIENT = "parties.client"


def load_complaint(principal: Any, complaint_id: int, action: str = "read") -> Complaint:
    """The complaint if ``principal`` may ``action`` it (404 outside the read scope)."""
    return load_record(principal, KIND, complaint_id, action)


def check_version(complaint: Complaint, expected_version: int | None) -> None:
    if expected_version is not None and complaint.version != expected_version:
        raise StaleComplaint()


def flush() -> None:
    """Flush, answering a concurrent change (the version moved) with a 409."""
    try:
        session().flush()
    except StaleDataError:
        raise StaleComplaint() from None


def subject_of(principal: Any, kind: str, record_id: int, *, party_id: int | None = None) -> Any:
    """The record a complaint is about, if its plugin is enabled and the caller may read it.

    Staff need the subject's read permission and scope; a portal client (``party_id``
    given) only a subject of its own (a product: any product). Anything else is the same
    422 on ``subject_id``, so the answer tells nothing about records the caller cannot see.
    """
    rk = kontora().kinds.get(kind)
    if rk is None:
        raise InvalidComplaintData({"subject_kind": [
            _("Complaints about this kind of record are not possible here.")]})
    missing = InvalidComplaintData({"subject_id": [_("There is no such record.")]})
    if party_id is None:
        try:
            return load_record(principal, kind, record_id, "read")
        except (NotFound, Forbidden):
            raise missing from None
    record = session().get(rk.model, record_id)
    if record is None or (kind != PRODUCT and getattr(record, "party_id", None) != party_id):
        raise missing
    if kind == PRODUCT and getattr(record, "active", True) is False:
        raise missing
    return record


def readable_product(principal: Any, product_id: int | None) -> None:
    """Staff name a product they may read; the portal any active product."""
    if product_id is None:
        return
    rk = kontora().kinds.get(PRODUCT)
    bad = InvalidComplaintData({"product_id": [_("There is no such record.")]})
    if principal is not None and principal.user_id is not None:
        stmt = scope(select(rk.model.id).where(rk.model.id == product_id), rk.model, principal,
                     "read", prefix=rk.permission_prefix)
        if not principal.has(rk.read_permission) or session().scalar(stmt) is None:
            raise bad
    elif session().get(rk.model, product_id) is None:
        raise bad


def timeline_note(complaint: Complaint, body: str, *, author_id: int | None) -> Note:
    """A note on the complaint's timeline (the ``activities`` panel shows it)."""
    note = Note(record_kind=KIND, record_id=complaint.id, kind="note", body=body,
                created_by_id=author_id, updated_by_id=author_id)
    session().add(note)
    session().flush()
    return note


def concerned(complaint: Complaint, actor_id: int | None) -> list[User]:
    """The people a change concerns: owner and assignee, not the one who made it."""
    ids = {complaint.owner_id, complaint.assignee_id} - {None, actor_id}
    if not ids:
        return []
    return list(session().scalars(select(User).where(User.id.in_(ids),
                                                     User.active.is_(True))))


def tell_concerned(complaint: Complaint, actor_id: int | None, message: Callable[[], str], *,
                   comment: str | None = None, also: int | None = None,
                   timeline: bool = True) -> None:
    """Tell owner and assignee (and ``also``, a newly assigned user) in the app and by
    e-mail, each in their language, and put the news on the timeline; all join the
    caller's unit of work, so a rolled-back change tells nobody. ``timeline=False`` when
    the caller wrote its own note."""
    if timeline:
        with force_locale(kontora().settings.language):
            body = message() + (f"\n\n{comment}" if comment else "")
        timeline_note(complaint, body, author_id=actor_id)
    people = concerned(complaint, actor_id)
    if also is not None and also != actor_id and all(p.id != also for p in people):
        extra = session().get(User, also)
        if extra is not None and extra.active:
            people.append(extra)
    for person in people:
        with force_locale(person.language):
            text = message()
        notify(person.id, text, link=site_path("complaints.complaint_detail", id=complaint.id))
        if person.email:
            send_mail(person.email, template="complaints/changed", language=person.language,
                      context={"name": person.name, "summary": text, "title": complaint.title,
                               "comment": comment or "",
                               "url": external_url("complaints.complaint_detail",
                                                   id=complaint.id)},
                      record=(KIND, complaint.id))
