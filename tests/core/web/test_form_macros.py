"""The form macros: a select that brings its own empty choice gets no second "—"."""

from __future__ import annotations

from flask import render_template_string

SELECT = ('{% import "macros/forms.html" as forms %}'
          '{{ forms.render_field("owner_id", "Owner", type="select", choices=choices) }}')


def test_an_optional_select_has_one_empty_choice(app):
    with app.test_request_context():
        own = render_template_string(SELECT, choices=[("", "—"), ("1", "Ann")])
        plain = render_template_string(SELECT, choices=[("1", "Ann")])
    assert own.count('value=""') == 1 and own.count("—") == 1
    assert plain.count('<option value="">—</option>') == 1
