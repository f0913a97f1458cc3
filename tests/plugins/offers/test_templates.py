"""Template I: a free body with merge tags, rendered in the kernel's sandbox; hostile
bodies fail with a clear error and reveal nothing. Template II renders the lines table."""

from __future__ import annotations

import pytest

from core.documents import DocumentTemplateError
from plugins.offers import services
from plugins.offers.documents import offer_html
from plugins.offers.merge_tags import merge_tags

INJECTIONS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ offer.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ config.SECRET_KEY }}",
    "{{ request.environ }}",
    "{{ self._TemplateReference__context }}",
    "{{ lipsum.__globals__['os'] }}",
    "{% for x in range(10**9) %}{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ '{0.__class__}'.format(offer) }}",
    "{% include '/etc/passwd' %}",
    "{% import 'layout.html' as l %}",
    "{{ offer.lines.append(1) }}",
    "{{ unknown_tag }}",
    "{{ offer.number ",
]


def text_offer(world, body: str):
    return services.create_offer(world["as_ann"], {
        "title": "Service contract", "format": "text", "currency": "RON",
        "party_id": world["client"].id, "body": body,
        "lines": [{"product_id": world["support"].id, "quantity": "10"}]})


def test_merge_tags_fill_the_body(world):
    offer = text_offer(world, "<p>Dear {{ client.name }} ({{ client.tax_id }}),</p>"
                              "<p>we offer {{ offer.title }} for "
                              "{{ offer.total_gross|format_money(offer.currency) }}.</p>"
                              "{{ offer.lines_table }}<p>{{ owner.name }}</p>"
                              "{% for line in offer.lines %}<i>{{ line.description }}</i>"
                              "{% endfor %}")
    html = offer_html(offer)
    assert "Dear Carpați Construct SRL (RO18547290)" in html
    assert "we offer Service contract for RON" in html and "773.50" in html
    assert '<table class="offer-lines">' in html and "<i>Product SUP</i>" in html
    assert "Str. Lungă 12" in html            # client requisites in the header
    tags = {t["tag"] for t in merge_tags("offers.offer")}
    assert {"client.name", "offer.number", "offer.lines_table", "offer.body",
            "offer.total_gross", "owner.email"} <= tags


def test_values_are_data_not_templates(world):
    offer = text_offer(world, "{{ offer.title }}")
    services.update_offer(world["as_ann"], offer.id,
                          {"title": "{{ config }} <script>alert(1)</script>"})
    html = offer_html(offer)
    assert "{{ config }}" in html and "<script>" not in html


@pytest.mark.parametrize("body", INJECTIONS)
def test_injection_payloads_fail_safely(world, body):
    offer = text_offer(world, body)
    try:
        html = offer_html(offer)
    except DocumentTemplateError as exc:
        assert exc.status == 422 and "body" in exc.fields
        text = exc.message
    else:
        text = html
    for secret in ("test-secret-key", "root:", "uid=", "subclasses", "SECRET_KEY",
                   "wsgi.", "os.popen"):
        assert secret not in text


def test_sending_a_broken_body_is_a_field_error_and_nothing_is_numbered(world):
    offer = text_offer(world, "{{ offer.__class__.__mro__ }}")
    with pytest.raises(DocumentTemplateError):
        services.send_offer(world["as_ann"], offer.id)
