"""The sample plugin's record kind and document kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.i18n import lazy_gettext as _l
from core.kinds import RecordKind
from tests.sample_plugin.models import SampleNote
from tests.sample_plugin.schemas import NoteSchema


def record_kinds() -> list[RecordKind]:
    return [RecordKind(kind="sample.note", model=SampleNote, label=_l("Note"),
                       label_plural=_l("Notes"),
                       permission_prefix="sample", title_attr="title", schema=NoteSchema,
                       endpoint="sample.note_detail",
                       extra={"search": ["title"], "default_sort": "-id"})]


def document_kinds() -> list[dict[str, Any]]:
    return [{"kind": "sample.note", "label": _l("Note"),
             "templates_dir": Path(__file__).parent / "documents"}]


def add_demo_notes(session: Any) -> None:
    session.add(SampleNote(title="Demo note"))
