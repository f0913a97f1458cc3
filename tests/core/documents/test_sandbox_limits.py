"""A template cannot exhaust memory or time: every way to build a large value is bounded,
and a render has a step, output and time budget. Sizes here stay small enough to be safe to
build if a guard were missing, yet above the limits, so the test fails instead of the host."""

from __future__ import annotations

import time

import pytest

from core.documents.rendering import DocumentTemplateError, render_body
from core.sandbox import compiled_template, sandboxed_environment
from tests.core.api.support import bearer, make_user
from tests.core.documents.test_templates import template_id
from tests.core.web.conftest import sign_in  # noqa: F401  (a fixture)

BIG = 30_000_000  # above every limit, yet cheap enough to build if a guard were missing

LARGE_VALUES = [
    f"{{{{ 'a'.ljust({BIG})|length }}}}",
    f"{{{{ 'a'.rjust({BIG})|length }}}}",
    f"{{{{ 'a'.center({BIG})|length }}}}",
    f"{{{{ 'a'.zfill({BIG})|length }}}}",
    f"{{{{ 'a'|center({BIG})|length }}}}",
    f"{{{{ '{{:{BIG}}}'.format(1)|length }}}}",
    f"{{{{ '{{:>{{w}}}}'.format(1, w={BIG})|length }}}}",
    f"{{{{ '{{:.{BIG}f}}'.format(1.5)|length }}}}",
    f"{{{{ '%{BIG}d'|format(1)|length }}}}",
    f"{{{{ ('%{BIG}d' % 1)|length }}}}",
    "{{ ('%*d' % (30000000, 1))|length }}",
    "{{ ('\t' * 30000).expandtabs(100000)|length }}",
    "{{ ('a' * 60000).replace('a', 'b' * 1000)|length }}",
    "{{ ('a' * 60000).replace('', 'b' * 1000)|length }}",
    "{{ ('a' * 60000)|replace('a', 'b' * 1000)|length }}",
    "{{ ('a' * 100000).translate({97: 'b' * 1000})|length }}",
    "{{ ('x' * 1000).join(range(100000))|length }}",
    "{{ range(100000)|join('x' * 1000)|length }}",
    "{{ ('a ' * 50000)|wordwrap(1, wrapstring='x' * 1000)|length }}",
    "{{ ('a\n' * 50000)|indent(1000)|length }}",
    "{{ ('a\n' * 50000)|indent('x' * 1000)|length }}",
    "{{ (['a' * 90000] * 90000)|join|length }}",
    "{{ (['a' * 90000] * 90000)|string|length }}",
    "{{ (['a' * 90000] * 90000)|tojson|length }}",
    "{{ (['a' * 90000] * 90000)|map('upper')|list|length }}",
    "{{ ((['a' * 90000] * 90000) ~ '')|length }}",
    "{{ ('%s' % (['a' * 90000] * 90000,))|length }}",
    "{{ '{}'.format(['a' * 90000] * 90000)|length }}",
    "{{ ['a' * 90000] * 90000 }}",
    "{{ [1] * 60000 * 60000 }}",
    "{{ (range(100000)|list) * 100000 }}",
    "{{ (range(100000)|list + range(100000)|list) * 3 }}",
    f"{{{{ range({BIG})|list|length }}}}",
    f"{{{{ range(10)|batch({BIG}, 'x')|list|length }}}}",
    f"{{{{ range(10)|slice({BIG})|list|length }}}}",
    f"{{{{ (1).to_bytes({BIG}, 'big')|length }}}}",
    "{% set x = 2 ** 4000 %}{{ (x * x * x * x * x)|string|length }}",
    "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s|length }}{% endif %}"
    "{% endmacro %}{{ d('ab', 26) }}",
    "{% macro d(n) %}{% if n %}{{ d(n - 1) }}{{ d(n - 1) }}{% else %}xxxxxxxxxx{% endif %}"
    "{% endmacro %}{{ d(23)|length }}",
    "{% set s %}{% for i in range(100000) %}{% for j in range(100) %}xxxxxxxxxxxxxxxxxxxx"
    "xxxxxxxxxxxxx{% endfor %}{% endfor %}{% endset %}{{ s|length }}",
    "{% for i in range(100000) %}{% for j in range(100) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    "{% endfor %}{% endfor %}",
]


@pytest.mark.parametrize("payload", LARGE_VALUES)
def test_a_large_value_is_refused(doc_app, payload):
    with doc_app.app_context(), pytest.raises(DocumentTemplateError) as caught:
        render_body(payload, {})
    assert caught.value.status == 422
    assert "\n" not in caught.value.reason


@pytest.mark.parametrize("width", [2_000_000_000, 10**18])
def test_the_reported_ljust_is_refused_before_it_allocates(doc_app, width):
    started = time.monotonic()
    with doc_app.app_context(), pytest.raises(DocumentTemplateError) as caught:
        render_body(f"{{{{ 'a'.ljust({width})|length }}}}", {})
    assert "too long" in caught.value.reason
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("payload", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% for i in range(100000) %}{% for j in 'x' * 100000 %}{% endfor %}{% endfor %}",
    "{% macro f(n) %}{% for i in range(100000) %}{{ i if n else f(1) }}{% endfor %}"
    "{% endmacro %}{{ f(0)|length }}",
])
def test_a_long_render_stops(doc_app, payload):
    started = time.monotonic()
    with doc_app.app_context(), pytest.raises(DocumentTemplateError) as caught:
        render_body(payload, {})
    assert "too much work" in caught.value.reason or "too long to render" in caught.value.reason
    assert time.monotonic() - started < 30


def test_the_render_deadline_stops_slow_work(doc_app, monkeypatch):
    monkeypatch.setattr("core.sandbox_limits.RENDER_SECONDS", 0.05)
    with doc_app.app_context(), pytest.raises(DocumentTemplateError) as caught:
        render_body("{% for i in range(100000) %}{% for j in range(4) %}{% endfor %}"
                    "{% endfor %}", {})
    assert "too long to render" in caught.value.reason


def test_realistic_documents_still_render(doc_app):
    lines = [{"name": f"Item {i}", "qty": i, "price": "12.50"} for i in range(2000)]
    source = ("<table>{% for l in offer.lines %}<tr><td>{{ loop.index }}</td><td>{{ l.name|upper }}"
              "</td><td>{{ '%5d'|format(l.qty) }}</td><td>{{ '{:>10}'.format(l.price) }}</td>"
              "<td>{{ l.name.ljust(20) ~ '|' }}</td></tr>{% endfor %}</table>"
              "{{ offer.lines|map(attribute='name')|join(', ')|length }}"
              "{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ offer.lines|length }}")
    with doc_app.app_context():
        html = render_body(source, {"offer": {"lines": lines}})
    assert "<td>ITEM 1999</td>" in html and "ababab 1024 2000" in html
    assert "Item 7              |" in html


def test_a_stored_template_compiles_once_and_keeps_its_budget(doc_app):
    """The compiled template is kept per process; every render still has its own budget."""
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    compiled_template.cache_clear()
    with doc_app.app_context():
        assert render_body("<p>{{ n }}</p>", {"n": 1}) == "<p>1</p>"
        assert render_body("<p>{{ n }}</p>", {"n": 2}) == "<p>2</p>"
        assert render_body("<p>{{ n }}!</p>", {"n": 3}) == "<p>3!</p>"  # an edit: new text
        for _ in range(2):
            with pytest.raises(DocumentTemplateError) as caught:
                render_body(loop, {})
            assert "too much work" in caught.value.reason
    info = compiled_template.cache_info()
    assert (info.misses, info.hits) == (3, 2)


def test_mail_and_document_sandboxes_share_the_limits():
    env = sandboxed_environment()
    with pytest.raises(Exception) as caught:
        env.from_string(f"{{{{ 'a'.ljust({BIG}) }}}}").render()
    assert "too long" in str(caught.value)


@pytest.mark.parametrize("payload", [
    "{% set s = 'a' * 1000000 %}{% set x %}{% for i in range(100000) %}{{ s }}{% endfor %}"
    "{% endset %}{{ x|length }}",
    "{% macro m(s) %}{% for i in range(100000) %}{{ s }}{% endfor %}{% endmacro %}"
    "{{ m('a' * 1000000)|length }}",
])
def test_printing_a_long_text_over_and_over_into_a_block_is_refused(doc_app, payload):
    with doc_app.app_context(), pytest.raises(DocumentTemplateError) as caught:
        render_body(payload, {})
    assert "too much text" in caught.value.reason


def test_a_recursive_loop_counts_its_inner_iterations(doc_app, monkeypatch):
    monkeypatch.setattr("core.sandbox_limits.MAX_STEPS", 1000)
    with doc_app.app_context(), pytest.raises(DocumentTemplateError) as caught:
        render_body("{% for x in ['top'] recursive %}{% if x == 'top' %}"
                    "{{ loop(range(5000)) }}{% endif %}{% endfor %}", {})
    assert "too much work" in caught.value.reason


REPORTED = [
    "{{ 'a'.ljust(2000000000)|length }}",
    "{{ 'a'.center(2000000000)|length }}",
    "{{ 'a'.zfill(2000000000)|length }}",
    "{{ '{:2000000000}'.format(1)|length }}",
    "{{ '%2000000000d'|format(1)|length }}",
]


@pytest.mark.parametrize("payload", REPORTED)
def test_the_preview_shows_the_template_error(unit, note_id, sign_in, payload):  # noqa: F811
    tid = template_id(unit)
    browser = sign_in("ed", ["core.documents.edit", "sample.read"])
    answer = browser.post(f"/admin/documents/{tid}/preview",
                          {"record_id": str(note_id), "body": payload})
    text = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "data-template-error" in text and "too" in text


@pytest.mark.parametrize("payload", REPORTED)
def test_the_api_preview_answers_422(unit, note_id, doc_app, payload):
    tid = template_id(unit)
    with unit():
        headers = bearer(make_user("api", ["core.documents.edit", "sample.read"], scope="all"))
    answer = doc_app.test_client().post(f"/api/v1/documents/templates/{tid}/preview",
                                        headers=headers,
                                        json={"record_id": note_id, "body": payload})
    assert answer.status_code == 422 and answer.get_json()["fields"]["body"]
