"""Merge tags reading the same rows read them once per render, and only within it."""

from __future__ import annotations

from core.documents.memo import document_memo, once


def test_values_are_computed_once_per_render_and_shared_by_nested_renders():
    calls: list[str] = []

    def read(key: str) -> str:
        return once(key, lambda: calls.append(key) or key.upper())

    with document_memo():
        assert [read("client"), read("client"), read("owner")] == ["CLIENT", "CLIENT", "OWNER"]
        with document_memo():  # the free-text body renders inside the document
            assert read("client") == "CLIENT"
    assert calls == ["client", "owner"]
    with document_memo():  # the next render reads afresh
        read("client")
    assert calls == ["client", "owner", "client"]


def test_outside_a_render_every_call_computes():
    calls: list[int] = []
    once("client", lambda: calls.append(1))
    once("client", lambda: calls.append(1))
    assert calls == [1, 1]
