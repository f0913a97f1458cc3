"""A switch of ``macros/forms.html`` reads back as what the user set, from what it posts."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from core.web.switches import switch_on


def test_a_switch_that_is_on_posts_false_then_true_and_reads_on():
    assert switch_on(MultiDict([("active", "false"), ("active", "true")]), "active")


def test_a_switch_that_is_off_posts_only_false_and_reads_off():
    assert not switch_on(MultiDict([("active", "false")]), "active")
    assert not switch_on(MultiDict(), "active")
