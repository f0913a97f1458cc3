"""Services behind the template editor (web and API call these)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import TemplateSyntaxError
from sqlalchemy import select

from core.db import session
from core.documents.files import load_document_record
from core.documents.models import DocumentTemplate
from core.documents.rendering import DocumentTemplateError, render_html
from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _
from core.sandbox import compiled_template, template_failure
from core.services.helpers import service

EDIT_PERMISSION = "core.documents.edit"
MAX_TEMPLATE = 200_000


def get_template(template_id: int) -> DocumentTemplate:
    row = session().get(DocumentTemplate, template_id)
    if row is None:
        raise NotFound(_("No such document template."))
    return row


def all_templates() -> list[DocumentTemplate]:
    return list(session().scalars(select(DocumentTemplate).order_by(
        DocumentTemplate.kind, DocumentTemplate.name, DocumentTemplate.language)))


def check_syntax(body: str) -> None:
    """Refuse a template that does not even parse, before it is saved."""
    try:
        compiled_template(body)  # kept: the first render after the save reuses it
    except TemplateSyntaxError as exc:
        raise DocumentTemplateError(template_failure(exc)) from None


@service(EDIT_PERMISSION)
def save_template(principal: Any, template_id: int, data: Mapping[str, Any],
                  expected_version: int | None = None) -> DocumentTemplate:
    """Save an admin's edit; from now on seeding leaves this template alone."""
    row = get_template(template_id)
    if expected_version is not None and expected_version != row.version:
        raise Conflict(_("The template was changed by someone else; reload it and try again."))
    body = data.get("body", row.body)
    css = data.get("css", row.css)
    errors = {name: [_("Expected text of at most %(n)s characters.", n=MAX_TEMPLATE)]
              for name, value in (("body", body), ("css", css))
              if not isinstance(value, str) or len(value) > MAX_TEMPLATE or "\0" in value}
    if errors:
        raise ValidationError(_("Some fields are not valid."), fields=errors)
    check_syntax(body)
    row.body, row.css, row.customized = body, css, True
    if "active" in data:
        row.active = bool(data["active"])
    row.updated_by_id = principal.user_id
    session().flush()
    return row


@service(EDIT_PERMISSION)
def preview_template(principal: Any, template_id: int, record_id: int,
                     body: str | None = None, css: str | None = None) -> str:
    """The HTML of record ``record_id`` with the template as saved or as being edited."""
    row = get_template(template_id)
    draft = DocumentTemplate(kind=row.kind, language=row.language, name=row.name,
                             body=row.body if body is None else body,
                             css=row.css if css is None else css, active=True)
    return render_html(row.kind, load_document_record(row.kind, record_id), draft,
                       row.language)
