"""Templates to HTML: merge tags from the plugins, rendered in the sandbox, cleaned.

The template sees only the values of its kind's merge tags (``{{ offer.number }}``,
``{% for line in offer.lines %}``) and the kernel's ``company`` and ``document`` tags;
never the record object, the request, the settings or any file. What it renders is
cleaned with nh3, and the admin's CSS goes into a ``<style>`` it cannot leave.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateSyntaxError
from markupsafe import Markup, escape

from core.documents.company import company_header
from core.documents.kinds import kinds_of
from core.documents.memo import document_memo
from core.documents.models import DocumentTemplate
from core.documents.pdf import print_stylesheet
from core.documents.store import choose_template
from core.errors import ValidationError
from core.i18n import force_locale
from core.i18n import gettext as _
from core.kernel import kontora
from core.sandbox import TEMPLATE_FAILURES, clean_html, compiled_template, template_failure

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "data"})  # data: images only
_TAG = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")


class DocumentTemplateError(ValidationError):
    """A template cannot render: a syntax error, a refused operation, an unknown tag."""

    code = "template_error"

    def __init__(self, reason: str) -> None:
        super().__init__(_("The template cannot be rendered: %(reason)s", reason=reason),
                         fields={"body": [reason]})
        self.reason = reason


def merge_tags(kind: str) -> list[dict[str, Any]]:
    """The tags templates of ``kind`` may use, kernel tags included, sorted by name."""

    tags = kontora().collect("kontora_merge_tags", kind=kind)
    for tag in tags:
        if not _TAG.match(tag["tag"]):
            raise ValueError(f"merge tag {tag['tag']!r} must be dotted lower-case names")
    return sorted(tags, key=lambda t: t["tag"])


def merge_context(kind: str, record: Any) -> dict[str, Any]:
    """Tag values for ``record`` as nested dicts: ``offer.number`` -> ``{"offer": {...}}``.

    Tags reading the same rows share them through :func:`core.documents.memo.once`.
    """
    with document_memo():
        return _merge_context(kind, record)


def _merge_context(kind: str, record: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for tag in merge_tags(kind):
        *parents, leaf = tag["tag"].split(".")
        node = context
        for part in parents:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ValueError(f"merge tag {tag['tag']!r} clashes with a shorter tag")
        node[leaf] = tag["value"](record)
    return context


def record_language(kind: str, record: Any) -> str:
    """The language the record's documents are written in (the client's), else the default."""

    for dk in kinds_of(kind):
        if dk.language is not None:
            language = dk.language(record)
            if language:
                return language
    return kontora().settings.language


@dataclass(frozen=True)
class DocumentPage:
    """A rendered document and what it was rendered with."""

    html: str
    language: str
    template_id: int | None


def render_html(kind: str, record: Any, template: DocumentTemplate | str | None = None,
                language: str | None = None) -> str:
    """The whole HTML document of ``record``: print stylesheet, company header, body.

    ``template`` is a template row (an unsaved one for a preview), a template name, or
    ``None`` for the active template in ``language`` (default: the record's language, then
    English). Raises :class:`DocumentTemplateError` when the template fails.
    """
    return render_document_page(kind, record, template, language).html


def render_document_page(kind: str, record: Any,
                         template: DocumentTemplate | str | None = None,
                         language: str | None = None) -> DocumentPage:
    """:func:`render_html` with the language and template actually used."""
    language = language or record_language(kind, record)
    if not isinstance(template, DocumentTemplate):
        try:
            template = choose_template(kind, language, template)
        except LookupError:
            raise DocumentTemplateError(
                _("there is no template for this kind of document")) from None
    with force_locale(template.language), document_memo():
        body = render_body(template.body, merge_context(kind, record))
        html = document_page(body, template.css, template.language)
    return DocumentPage(html, template.language, template.id)


def render_body(source: str, context: Mapping[str, Any]) -> str:
    """``source`` rendered in the strict sandbox with ``context``, then cleaned (the compiled
    template is kept per process, see :func:`core.sandbox.compiled_template`)."""
    try:
        html = compiled_template(source).render(dict(context))
    except TemplateSyntaxError as exc:
        raise DocumentTemplateError(template_failure(exc)) from None
    except TEMPLATE_FAILURES as exc:
        raise DocumentTemplateError(template_failure(exc)) from None
    return clean_html(html, url_schemes=URL_SCHEMES)


def document_page(body: str, css: str, language: str) -> str:
    """The HTML document around a rendered body, for the browser and for WeasyPrint."""

    return ("<!DOCTYPE html>\n"
            f'<html lang="{escape(language)}"><head><meta charset="utf-8">\n'
            f"<style>{print_stylesheet()}</style>\n"
            f"<style>{safe_css(css)}</style>\n"
            f"</head><body>\n{company_header()}\n"
            f'<main class="k-document">\n{Markup(body)}\n</main>\n</body></html>\n')


def safe_css(css: str) -> str:
    """CSS that cannot end its ``<style>`` element or pull anything in with ``@import``."""
    css = re.sub(r"(?i)</", "<\\\\/", css)
    return re.sub(r"(?i)@import", "/* @import refused */", css)
