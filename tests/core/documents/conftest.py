"""An app with the sample plugin's document kind, a note, and a unit-of-work helper."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from core.kernel import kontora
from tests.sample_plugin.models import SampleNote


@pytest.fixture
def doc_app(make_app: Callable[..., Any]) -> Any:
    return make_app(plugins="sample")


@pytest.fixture
def unit(doc_app: Any) -> Callable[[], Any]:
    """``with unit() as s:`` inside the app context, committed at the end."""
    from contextlib import contextmanager

    @contextmanager
    def make():
        with doc_app.app_context(), kontora(doc_app).db.unit() as s:
            yield s

    return make


@pytest.fixture
def note_id(unit: Callable[[], Any]) -> int:
    with unit() as s:
        note = SampleNote(title="Consulting", amount=Decimal("250.00"))
        s.add(note)
        s.flush()
        return note.id
