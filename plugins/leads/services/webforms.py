"""Web forms: what admins design, and what happens when a visitor sends one.

A submission is untrusted input from anywhere on the internet, so it is checked for
shape before anything else: only the fields the form asks for (plus the language and the
honeypot), only text, each within the lead field's limits. A filled honeypot (a field
people never see) is answered like a success and stored nowhere, so bots learn nothing.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select

from core.db import session
from core.i18n import gettext as _
from core.identity.models import User
from core.kernel import kontora
from core.permissions import require
from core.services import act_as
from plugins.leads.exceptions import FormNotFound, InvalidLeadData, OriginNotAllowed
from plugins.leads.models import Lead, Pipeline, WebForm

FORM_FIELDS = ("person_name", "company_name", "email", "phone", "country", "budget",
               "description")
"""Lead fields a web form may ask for."""

HONEYPOT = "website"
LANGUAGE = "_lang"
MAX_FIELDS = 20
LANGUAGES = ("en", "ro", "bg", "ru")


def form_by_key(key: str) -> WebForm:
    form = session().scalar(select(WebForm).where(WebForm.key == key[:40],
                                                  WebForm.active.is_(True)))
    if form is None:
        raise FormNotFound()
    return form


def origin_allowed(form: WebForm, origin: str | None) -> bool:
    """A browser request names its page's origin; server-to-server calls send none."""
    return origin is None or origin.rstrip("/") in form.origins


def submit(key: str, payload: Any, *, origin: str | None) -> tuple[Lead | None, WebForm]:
    """Turn a visitor's submission into a lead owned by (and notified to) the form's owner.

    Returns ``(None, form)`` for a filled honeypot. Raises ``FormNotFound`` (404),
    ``OriginNotAllowed`` (403) and ``InvalidLeadData`` (422, naming each field).
    """
    from plugins.leads.services.leads import new_lead, notify_new_lead

    form = form_by_key(key)
    if not origin_allowed(form, origin):
        raise OriginNotAllowed()
    data = _checked(form, payload)
    if data is None:
        return None, form
    if form.pipeline_id is not None:
        data["pipeline_id"] = form.pipeline_id
    data.setdefault("title", _title(form, data))
    lead = new_lead(data, source="web_form", owner_id=form.owner_id, actor_id=None,
                    web_form_id=form.id)
    notify_new_lead(lead)
    return lead, form


def _title(form: WebForm, data: dict[str, Any]) -> str:
    who = data.get("company_name") or data.get("person_name") or data.get("email") or ""
    return f"{form.name}: {who}"[:200] if who else form.name[:200]


def _checked(form: WebForm, payload: Any) -> dict[str, Any] | None:
    if not isinstance(payload, dict):
        raise InvalidLeadData({"_schema": [_("Send the form's fields.")]})
    if str(payload.get(HONEYPOT) or "").strip():
        return None
    asked = {f["name"]: f for f in form.fields}
    errors: dict[str, list[str]] = {}
    if len(payload) > MAX_FIELDS + 2:
        raise InvalidLeadData({"_schema": [_("Too many fields.")]})
    data: dict[str, Any] = {}
    for name, value in payload.items():
        if name in (HONEYPOT, LANGUAGE):
            continue
        if name not in asked:
            errors[str(name)[:60]] = [_("This form has no such field.")]
        elif not isinstance(value, str | int | float) or isinstance(value, bool):
            errors[name] = [_("Send text.")]
        elif isinstance(value, str) and "\x00" in value:
            errors[name] = [_("Text must not contain NUL characters.")]
        else:
            text = str(value).strip()
            if text:
                data[name] = text
    for name, spec in asked.items():
        if spec.get("required") and name not in data and name not in errors:
            errors[name] = [_("This field is required.")]
    if errors:
        raise InvalidLeadData(errors)
    return data


def thank_you(form: WebForm, language: str | None) -> str:
    texts = form.thank_you or {}
    return texts.get(language or "") or texts.get("en") or next(
        iter(texts.values()), None) or _("Thank you, we will be in touch soon.")


def endpoint_of(form: WebForm) -> str:
    """Where a website posts the form."""
    return f"{kontora().settings.base_url}/api/v1/leads/forms/{form.key}"


def label(field: dict[str, Any], language: str) -> str:
    from plugins.leads.labels import lead_field_label

    labels = field.get("labels") or {}
    return labels.get(language) or labels.get("en") or str(lead_field_label(field["name"]))


# --- admin -------------------------------------------------------------------------------

ADMIN = "leads.forms.admin"


def forms(principal: Any) -> list[WebForm]:
    """Every web form, by name, for its designers."""
    require(principal, ADMIN)
    return list(session().scalars(select(WebForm).order_by(WebForm.name)))


def load_form(principal: Any, form_id: int) -> WebForm:
    require(principal, ADMIN)
    form = session().get(WebForm, form_id)
    if form is None:
        raise FormNotFound()
    return form



def save_form(principal: Any, data: dict[str, Any], form_id: int | None = None) -> WebForm:
    """Create or change a web form from plain data: ``name``, ``active``, ``pipeline_id``,
    ``owner_id``, ``fields`` (``[{"name", "required", "labels": {lang: text}}]``),
    ``thank_you`` (``{lang: text}``) and ``allowed_origins`` (one per line)."""
    require(principal, ADMIN)
    act_as(principal)
    if not isinstance(data, dict):
        raise InvalidLeadData({"_schema": [_("Expected an object.")]})
    form = load_form(principal, form_id) if form_id is not None else None
    errors: dict[str, list[str]] = {}
    name = str(data.get("name") or "").strip()
    if not name or len(name) > 120:
        errors["name"] = [_("Give a name of at most 120 characters.")]
    fields = _fields(data.get("fields"), errors)
    thanks = {lang: str(text).strip()[:2000] for lang, text in
              (data.get("thank_you") or {}).items() if lang in LANGUAGES and str(text).strip()}
    origins = _origins(str(data.get("allowed_origins") or ""), errors)
    pipeline_id = data.get("pipeline_id") or None
    if pipeline_id is not None and session().get(Pipeline, pipeline_id) is None:
        errors["pipeline_id"] = [_("No such pipeline.")]
    owner_id = data.get("owner_id") or principal.user_id
    if session().scalar(select(User.id).where(User.id == owner_id,
                                              User.active.is_(True))) is None:
        errors["owner_id"] = [_("No such user.")]
    if errors:
        raise InvalidLeadData(errors)
    if form is None:
        form = WebForm(key=secrets.token_urlsafe(24), created_by_id=principal.user_id)
        session().add(form)
    form.name, form.fields, form.thank_you = name, fields, thanks
    form.allowed_origins, form.pipeline_id, form.owner_id = "\n".join(origins), pipeline_id, \
        owner_id
    form.active = bool(data.get("active", True))
    form.updated_by_id = principal.user_id
    session().flush()
    return form


def _fields(items: Any, errors: dict[str, list[str]]) -> list[dict[str, Any]]:
    fields = []
    for item in items or []:
        name = item.get("name") if isinstance(item, dict) else None
        if name not in FORM_FIELDS:
            errors["fields"] = [_("A web form may ask only for lead fields.")]
            continue
        if any(f["name"] == name for f in fields):
            errors["fields"] = [_("Ask for each field once.")]
            continue
        labels = {lang: str(text).strip()[:120] for lang, text in
                  (item.get("labels") or {}).items() if lang in LANGUAGES and str(text).strip()}
        fields.append({"name": name, "required": bool(item.get("required")), "labels": labels})
    if not fields and "fields" not in errors:
        errors["fields"] = [_("Choose at least one field.")]
    if not any(f["name"] in ("email", "phone") for f in fields) and "fields" not in errors:
        errors["fields"] = [_("Ask for an e-mail address or a phone number.")]
    return fields


def _origins(text: str, errors: dict[str, list[str]]) -> list[str]:
    from urllib.parse import urlsplit

    origins = []
    for line in text.split():
        parts = urlsplit(line.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in (
                "", "/") or parts.query:
            errors["allowed_origins"] = [_("Give origins like https://www.example.ro, one "
                                           "per line.")]
            continue
        origins.append(f"{parts.scheme}://{parts.netloc}".lower())
    return origins
