"""Questionnaires (briefs): templates of typed questions, sent to a lead or client as a
single-use, expiring client link (``core.links``), answered without signing in.

The answers are stored on a :class:`QuestionnaireResponse` attached to the record
(``record_kind``, ``record_id``), shown on its page, and the record's owner is notified.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from core.db import session, utcnow
from core.errors import Conflict, NotFound
from core.i18n import gettext as _
from core.kernel import kontora
from core.links import LinkInvalid, consume_link, make_link, resolve_link
from core.mail import send_mail
from core.permissions import require
from core.services import act_as, load_record, lock_record
from core.web.notifications import notify
from plugins.leads.exceptions import InvalidLeadData
from plugins.leads.models import QUESTION_TYPES, QuestionnaireResponse, QuestionnaireTemplate

PURPOSE = "leads.questionnaire"
RECORD_KINDS = ("leads.lead", "parties.client")
MAX_QUESTIONS = 50
MAX_TEXT = 5000


# --- templates ---------------------------------------------------------------------------


def templates(active_only: bool = True) -> list[QuestionnaireTemplate]:
    stmt = select(QuestionnaireTemplate).order_by(QuestionnaireTemplate.name)
    if active_only:
        stmt = stmt.where(QuestionnaireTemplate.active.is_(True))
    return list(session().scalars(stmt))


def visible_templates(principal: Any) -> list[QuestionnaireTemplate]:
    """The templates ``principal`` may see: every one to their admin, the active ones (to
    send) to whoever reads leads."""
    if principal.has("leads.forms.admin"):
        return templates(active_only=False)
    require(principal, "leads.read")
    return templates()


def get_template(principal: Any, template_id: int) -> QuestionnaireTemplate:
    """One template, as :func:`visible_templates` shows them; else "not found"."""
    found = session().get(QuestionnaireTemplate, template_id)
    if found is None or found not in visible_templates(principal):
        raise NotFound(_("There is no such questionnaire."))
    return found


def save_template(principal: Any, data: dict[str, Any],
                  template_id: int | None = None) -> QuestionnaireTemplate:
    """``name``, ``intro``, ``active`` and ``questions``: a list of ``{"label", "type",
    "required", "choices"}`` (``choices`` for ``choice`` and ``multi_choice``)."""
    require(principal, "leads.forms.admin")
    act_as(principal)
    if not isinstance(data, dict):
        raise InvalidLeadData({"_schema": [_("Expected an object.")]})
    template = session().get(QuestionnaireTemplate, template_id) if template_id else None
    if template_id is not None and template is None:
        raise NotFound(_("There is no such questionnaire."))
    errors: dict[str, list[str]] = {}
    name = str(data.get("name") or "").strip()
    if not name or len(name) > 120:
        errors["name"] = [_("Give a name of at most 120 characters.")]
    elif session().scalar(select(QuestionnaireTemplate.id).where(
            QuestionnaireTemplate.name == name, QuestionnaireTemplate.id != (template_id or 0))):
        errors["name"] = [_("This name is taken.")]
    questions = check_questions(data.get("questions"), errors)
    if errors:
        raise InvalidLeadData(errors)
    if template is None:
        template = QuestionnaireTemplate(created_by_id=principal.user_id)
        session().add(template)
    template.name, template.questions = name, questions
    template.intro = str(data.get("intro") or "").strip()[:MAX_TEXT] or None
    template.active = bool(data.get("active", True))
    template.updated_by_id = principal.user_id
    session().flush()
    return template


def delete_template(principal: Any, template_id: int) -> None:
    """Remove a template; questionnaires already sent keep their copy of the questions."""
    require(principal, "leads.forms.admin")
    act_as(principal)
    template = session().get(QuestionnaireTemplate, template_id)
    if template is None:
        raise NotFound(_("There is no such questionnaire."))
    session().delete(template)
    session().flush()


def check_questions(items: Any, errors: dict[str, list[str]]) -> list[dict[str, Any]]:
    if not isinstance(items, list) or not items or len(items) > MAX_QUESTIONS:
        errors["questions"] = [_("Ask between 1 and %(n)s questions.", n=MAX_QUESTIONS)]
        return []
    questions = []
    for number, item in enumerate(items, start=1):
        where = f"questions.{number - 1}"
        if not isinstance(item, dict):
            errors[where] = [_("Expected an object.")]
            continue
        label = str(item.get("label") or "").strip()
        kind = item.get("type")
        choices = [str(c).strip()[:200] for c in item.get("choices") or [] if str(c).strip()]
        if not label or len(label) > 500:
            errors[f"{where}.label"] = [_("Give the question, at most 500 characters.")]
        if kind not in QUESTION_TYPES:
            errors[f"{where}.type"] = [_("Choose a type of answer.")]
        elif kind in ("choice", "multi_choice") and len(choices) < 2:
            errors[f"{where}.choices"] = [_("Give at least two choices.")]
        questions.append({"key": f"q{number}", "label": label, "type": kind,
                          "required": bool(item.get("required")),
                          "choices": choices if kind in ("choice", "multi_choice") else []})
    return questions


LINE = re.compile(r"^\s*(?P<type>[a-z_]+)\s*\|\s*(?P<label>[^|]+?)\s*"
                  r"(\|\s*(?P<required>required|optional)?\s*)?(\|\s*(?P<choices>.*))?$")


def parse_lines(text: str) -> list[dict[str, Any]]:
    """Questions written one per line, ``type | question | required | choice; choice``, as
    the admin page's text box takes them."""
    items = []
    for line in text.splitlines():
        if not line.strip():
            continue
        found = LINE.match(line)
        if found is None:
            items.append({"label": line.strip(), "type": None})
            continue
        items.append({"type": found["type"], "label": found["label"],
                      "required": found["required"] == "required",
                      "choices": (found["choices"] or "").split(";")})
    return items


def as_lines(questions: list[dict[str, Any]]) -> str:
    return "\n".join(
        " | ".join([q["type"], q["label"], "required" if q["required"] else "optional"]
                   + (["; ".join(q["choices"])] if q["choices"] else []))
        for q in questions)


# --- sending and answering ---------------------------------------------------------------


def send_questionnaire(principal: Any, template_id: int, kind: str, record_id: int, *,
                       days: int = 14, email: str | None = None,
                       ) -> tuple[QuestionnaireResponse, str]:
    """Make a single-use link to the questionnaire for the record (which the principal must
    be able to change), valid ``days`` days; e-mail it to ``email`` when given.

    Returns the response and the link, which exists only here: it is never stored.
    """

    if kind not in RECORD_KINDS:
        raise InvalidLeadData({"record_kind": [_("Questionnaires go to leads and clients.")]})
    load_record(principal, kind, record_id, "write")
    act_as(principal)
    template = session().get(QuestionnaireTemplate, template_id)
    if template is None or not template.active:
        raise InvalidLeadData({"template_id": [_("Choose an active questionnaire.")]})
    if not isinstance(days, int) or not 1 <= days <= 365:
        raise InvalidLeadData({"days": [_("Give a whole number from %(low)s to %(high)s.",
                                          low=1, high=365)]})
    response = QuestionnaireResponse(
        template_id=template.id, title=template.name, questions=list(template.questions),
        record_kind=kind, record_id=record_id, sent_by_id=principal.user_id,
        expires_at=utcnow() + timedelta(days=days))
    session().add(response)
    session().flush()
    link = make_link(PURPOSE, kind, record_id, expires_in=timedelta(days=days),
                     single_use=True, data={"response_id": response.id})
    if email:

        send_mail(email, template="leads/questionnaire", context={
            "title": template.name, "intro": template.intro, "link": link,
            "expires_at": response.expires_at}, record=(kind, record_id), secret=True)
    session().flush()
    return response, link


def open_questionnaire(token: str) -> tuple[Any, QuestionnaireResponse]:
    """The link and its questionnaire; ``core.links`` errors for bad, used, expired links."""

    link = resolve_link(token, PURPOSE)
    response = session().get(QuestionnaireResponse, (link.data or {}).get("response_id"))
    if response is None or response.submitted_at is not None:

        raise LinkInvalid(_("This link is not valid. Check that it was copied whole."))
    return link, response


def submit_answers(token: str, answers: dict[str, Any]) -> QuestionnaireResponse:
    """Check the answers against the questions' types, store them, use the link up and
    tell the record's owner. ``answers`` maps question keys to text (a list for
    ``multi_choice``)."""

    link, response = open_questionnaire(token)
    values = check_answers(response.questions, answers)
    consume_link(link)
    return record_answers(response, values)


def record_answers(response: QuestionnaireResponse,
                   values: dict[str, Any]) -> QuestionnaireResponse:
    """Store checked answers and tell the record's owner; the response row is locked first,
    so answering through the link and from the client portal at once stores one set."""
    locked = lock_record(QuestionnaireResponse, response.id)
    if locked is None or locked.submitted_at is not None:
        raise Conflict(_("This questionnaire was answered already."))
    locked.answers, locked.submitted_at = values, utcnow()
    session().flush()
    _notify_owner(locked)
    return locked


def check_answers(questions: list[dict[str, Any]], answers: Any) -> dict[str, Any]:
    if not isinstance(answers, dict):
        raise InvalidLeadData({"_schema": [_("Expected an object.")]})
    known = {q["key"] for q in questions}
    errors: dict[str, list[str]] = {str(k)[:20]: [_("This form has no such field.")]
                                    for k in answers if k not in known}
    values: dict[str, Any] = {}
    for q in questions:
        raw = answers.get(q["key"])
        if isinstance(raw, list) and q["type"] != "multi_choice":
            raw = raw[0] if len(raw) == 1 else raw
        empty = raw is None or raw == "" or raw == []
        if empty:
            if q["required"]:
                errors[q["key"]] = [_("This field is required.")]
            continue
        try:
            values[q["key"]] = _answer(q, raw)
        except ValueError as exc:
            errors[q["key"]] = [str(exc)]
    if errors:
        raise InvalidLeadData(errors)
    return values


def _answer(question: dict[str, Any], raw: Any) -> Any:
    kind = question["type"]
    if kind == "multi_choice":
        picked = raw if isinstance(raw, list) else [raw]
        if not all(isinstance(p, str) and p in question["choices"] for p in picked):
            raise ValueError(_("Choose from the list."))
        return [c for c in question["choices"] if c in picked]
    if not isinstance(raw, str):
        raise ValueError(_("Send text."))
    text = raw.strip()
    if "\x00" in text:
        raise ValueError(_("Text must not contain NUL characters."))
    if kind == "text":
        if len(text) > MAX_TEXT:
            raise ValueError(_("At most %(n)s characters.", n=MAX_TEXT))
        return text
    if kind == "number":
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError(_("Give a number.")) from None
        if not number.is_finite() or abs(number) >= Decimal("1e15"):
            raise ValueError(_("Give a number."))
        return str(number)
    if kind == "choice":
        if text not in question["choices"]:
            raise ValueError(_("Choose from the list."))
        return text
    if kind == "date":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(_("Give a date as YYYY-MM-DD.")) from None
    if text not in ("yes", "no"):
        raise ValueError(_("Answer yes or no."))
    return text == "yes"


def _notify_owner(response: QuestionnaireResponse) -> None:
    from plugins.leads.links import site_path

    kind = kontora().kinds.get(response.record_kind)
    record = session().get(kind.model, response.record_id) if kind else None
    owner_id = getattr(record, "owner_id", None)
    if record is None or owner_id is None:
        return
    link = site_path(kind.endpoint, id=record.id) if kind.endpoint else None
    notify(owner_id, _("%(title)s was answered for %(record)s", title=response.title,
                       record=kind.title_of(record)), link=link)


def responses_of(principal: Any, kind: str, record_id: int) -> list[QuestionnaireResponse]:
    """The questionnaires sent for a record the principal may read, newest first."""
    load_record(principal, kind, record_id, "read")
    return list(session().scalars(
        select(QuestionnaireResponse).where(QuestionnaireResponse.record_kind == kind,
                                            QuestionnaireResponse.record_id == record_id)
        .order_by(QuestionnaireResponse.id.desc())))
