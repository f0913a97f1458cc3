"""Template-injection payloads fail safely: a clear template error, never a leak or a 500."""

from __future__ import annotations

import pytest

from core.documents.rendering import DocumentTemplateError, render_body
from core.sandbox import sandboxed_environment

PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__ }}",
    "{{ config }}",
    "{{ config.SECRET_KEY }}",
    "{{ request.environ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ joiner.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ url_for.__globals__ }}",
    "{{ get_flashed_messages.__globals__ }}",
    "{% include '/etc/passwd' %}",
    "{% import '/etc/passwd' as p %}",
    "{% extends '/etc/passwd' %}",
    "{{ ''.__class__.__base__.__subclasses__() }}",
    "{{ note.__class__ }}",
    "{{ note.title.__class__.__mro__ }}",
    "{{ '{0.__class__}'.format(note) }}",
    "{{ '{title.__class__}'.format_map(note) }}",
    "{% set x = note.lines.append(1) %}",
    "{{ note.lines.pop() }}",
    "{{ 'x' * 1000000000 }}",
    "{{ 9 ** 9999999 }}",
    "{{ (9 ** 9) ** 999999 }}",
    "{% for i in range(10**9) %}{% endfor %}",
    "{{ (1).__class__.__subclasses__() }}",
    "{% macro m() %}{% endmacro %}{{ m.__globals__ }}",
    "{{ dict.__base__.__subclasses__() }}",
    "{{ 1 / 0 }}",
    "{% if %}",
]

CONTEXT = {"note": {"title": "Consulting", "lines": [{"text": "a"}]}}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_a_template_error_without_a_leak(doc_app, payload):
    with doc_app.app_context(), pytest.raises(DocumentTemplateError) as caught:
        render_body(payload, CONTEXT)
    reason = caught.value.reason
    assert reason and "\n" not in reason
    for secret in ("test-secret-key", "root:", "uid=", "<function", "subprocess", "posix"):
        assert secret not in reason
    assert caught.value.status == 422 and caught.value.fields == {"body": [reason]}


def test_the_sandbox_has_no_globals_but_range():
    assert set(sandboxed_environment().globals) == {"range"}


def test_ordinary_templates_still_work(doc_app):
    with doc_app.app_context():
        html = render_body("{% for l in note.lines %}<b>{{ l.text }}</b>{% endfor %} "
                           "{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ note.title | upper }}", CONTEXT)
    assert "<b>a</b> ababab 1024 CONSULTING" in html


def test_rendered_html_is_cleaned(doc_app):
    with doc_app.app_context():
        html = render_body('<p onclick="steal()">{{ note.title }}</p><script>alert(1)</script>'
                           '<a href="javascript:alert(1)">x</a><iframe src="http://x"></iframe>'
                           '<img src="file:///etc/passwd">', CONTEXT)
    for bad in ("onclick", "<script", "javascript:", "<iframe", "file:"):
        assert bad not in html
    assert "<p>Consulting</p>" in html


def test_values_are_escaped(doc_app):
    with doc_app.app_context():
        html = render_body("{{ note.title }}", {"note": {"title": "<b>A & B</b>"}})
    assert html == "&lt;b&gt;A &amp; B&lt;/b&gt;"
