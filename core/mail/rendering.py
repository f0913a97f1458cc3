"""E-mail templates: per-language Jinja2 files rendered in a sandbox, HTML sanitised.

A mail template ``name`` is the pair ``mail/<name>.<lang>.txt`` and ``mail/<name>.<lang>.html``
(either may be missing, not both), found by the application's template loader, so a deployer
(``instance/templates/mail/...``) or a higher plugin overrides one by putting a file of the
same name earlier in the chain. The recipient's language is tried first, then English.

Templates are rendered by the shared sandbox (:mod:`core.sandbox`) with none of the
web's globals (no ``config``, ``request``, ``url_for``): admins will edit these templates, and
a template must not reach Python internals, settings or files. Values from the context are
escaped in the HTML part, and the rendered HTML is cleaned with nh3 (no scripts, no event
handlers, no ``javascript:`` links) whatever the template says.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import nh3
from flask import Flask, current_app
from jinja2 import Template, TemplateError, TemplateNotFound, select_autoescape

from core.i18n import force_locale
from core.sandbox import KontoraSandbox, clean_html, sandboxed_environment
from core.sandbox_limits import render_budget

EXTENSION = "kontora.mail.environment"
FALLBACK_LANGUAGE = "en"
SUBJECT_BLOCK = "subject"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*(/[a-z0-9][a-z0-9_\-]*)*$")
MAIL_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "cid"})



class MailTemplateError(ValueError):
    """A mail template is missing, malformed or tried something the sandbox refuses."""


@dataclass(frozen=True)
class RenderedMail:
    """What a mail template produced, in the language actually used."""

    subject: str
    text: str
    html: str | None
    language: str


def mail_environment(app: Flask | None = None) -> KontoraSandbox:
    """The sandboxed environment of ``app``, reading templates through the app's loader."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    env = app.extensions.get(EXTENSION)
    if env is None:
        env = sandboxed_environment(
            loader=app.jinja_env.loader,
            autoescape=select_autoescape(enabled_extensions=("html",),
                                         default_for_string=False),
        )
        app.extensions[EXTENSION] = env
    return env


def render_mail(name: str, context: Mapping[str, Any], language: str) -> RenderedMail:
    """Render mail template ``name`` in ``language`` (English when that language has none).

    The subject is the template's ``{% block subject %}`` (text template first), or else
    the first line of the text template, the body then starting after it.
    """
    if not _NAME.match(name):
        raise MailTemplateError(f"mail template name {name!r} must be lower-case words "
                                "separated by '/', like 'offers/offer-sent'")
    env = mail_environment()
    for lang in dict.fromkeys((language, FALLBACK_LANGUAGE)):
        text_t = _template(env, f"mail/{name}.{lang}.txt")
        html_t = _template(env, f"mail/{name}.{lang}.html")
        if text_t is not None or html_t is not None:
            break
    else:
        raise MailTemplateError(f"no mail template mail/{name}.{language}.txt or .html, "
                                f"nor an English one ({FALLBACK_LANGUAGE})")
    try:
        with force_locale(lang):
            return _render(text_t, html_t, dict(context), lang)
    except TemplateError as exc:  # SecurityError is one
        raise MailTemplateError(f"mail template {name!r} ({lang}) failed: {exc}") from exc


def _template(env: KontoraSandbox, path: str) -> Template | None:
    try:
        return env.get_template(path)
    except TemplateNotFound:
        return None
    except TemplateError as exc:
        raise MailTemplateError(f"mail template {path} cannot be read: {exc}") from exc


def _render(text_t: Template | None, html_t: Template | None, context: dict[str, Any],
            lang: str) -> RenderedMail:
    """Subject, text and HTML within one render budget (steps, text, time), as documents."""
    with render_budget():
        return _render_parts(text_t, html_t, context, lang)


def _render_parts(text_t: Template | None, html_t: Template | None, context: dict[str, Any],
                  lang: str) -> RenderedMail:
    subject = None
    for template, is_html in ((text_t, False), (html_t, True)):
        if template is not None and SUBJECT_BLOCK in template.blocks:
            block = template.blocks[SUBJECT_BLOCK](template.new_context(context))
            subject = template.environment.concat(block)  # type: ignore[attr-defined]
            subject = html_lib.unescape(subject) if is_html else subject
            break
    text = _render_body(text_t, context) if text_t is not None else None
    html = _render_body(html_t, context) if html_t is not None else None
    if subject is None:
        if text is None:
            raise MailTemplateError("an HTML-only mail template needs a {% block subject %}")
        subject, _, text = text.lstrip("\n").partition("\n")
    html = sanitize_html(html) if html is not None else None
    if text is None:
        text = html_to_text(html or "")
    return RenderedMail(one_line(subject), text.strip("\n") + "\n", html, lang)


def _render_body(template: Template, context: dict[str, Any]) -> str:
    """The whole template with the subject block left out."""
    ctx = template.new_context(context)
    if SUBJECT_BLOCK in ctx.blocks:
        ctx.blocks[SUBJECT_BLOCK] = [lambda _ctx: iter(())]
    return template.environment.concat(template.root_render_func(ctx))  # type: ignore[attr-defined]


def sanitize_html(html: str) -> str:
    """``html`` without scripts, event handlers or dangerous links, as a whole document."""
    body = clean_html(html, url_schemes=MAIL_URL_SCHEMES)
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n<body>\n'
            f"{body.strip()}\n</body></html>\n")


def html_to_text(html: str) -> str:
    """A plain-text version of ``html`` for mail clients that show no HTML."""
    spaced = re.sub(r"(?i)<br\s*/?>|</?(p|div|tr|h[1-6]|li|ul|ol|table|blockquote)\b[^>]*>",
                    "\n", html)
    text = html_lib.unescape(nh3.clean(spaced, tags=set()))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def one_line(text: str) -> str:
    """A header value: whitespace (line breaks included) collapsed to single spaces."""
    return " ".join(text.split())
