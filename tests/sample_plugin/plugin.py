"""Manifest and hooks of the ``sample`` test plugin."""

from __future__ import annotations

from typing import Any

from core import Manifest, hookimpl

manifest = Manifest(
    name="sample",
    title="Sample",
    version="1.0",
    depends=[],
    description="Notes with an owner: exercises every kernel service in tests.",
)


@hookimpl
def kontora_models() -> None:
    from tests.sample_plugin import models  # noqa: F401


@hookimpl
def kontora_record_kinds() -> list:
    from core.i18n import lazy_gettext as _l
    from core.kinds import RecordKind
    from tests.sample_plugin.models import SampleNote
    from tests.sample_plugin.schemas import NoteSchema

    return [RecordKind(kind="sample.note", model=SampleNote, label=_l("Note"),
                       label_plural=_l("Notes"),
                       permission_prefix="sample", title_attr="title", schema=NoteSchema,
                       endpoint="sample.note_detail",
                       extra={"search": ["title"], "default_sort": "-id"})]


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    events.declare("sample.note-created", "Sender: the note id. Keyword arguments: title.")


@hookimpl
def kontora_blueprints() -> list:
    from tests.sample_plugin.views import bp

    return [bp]


@hookimpl
def kontora_api_blueprints() -> list:
    from tests.sample_plugin.api import bp

    return [bp]


@hookimpl
def kontora_document_content(kind: str, record_id: int) -> dict | None:
    if kind != "sample.note":
        return None
    from decimal import Decimal

    from core.db import session
    from tests.sample_plugin.models import SampleNote

    note = session().get(SampleNote, record_id)
    if note is None:
        return None
    amount = note.amount or Decimal("0.00")
    line = {"product_id": None, "description": note.title, "quantity": Decimal(1),
            "unit": None, "unit_price": amount, "discount": Decimal(0), "vat_rate": Decimal(0),
            "net": amount}
    return {"kind": kind, "record_id": note.id, "party_id": None, "currency": "EUR",
            "reference": note.title, "lines": [line],
            "totals": {"net": amount, "vat": Decimal("0.00"), "gross": amount}}


@hookimpl
def kontora_document_kinds() -> list[dict]:
    from pathlib import Path

    from core.i18n import lazy_gettext as _l

    return [{"kind": "sample.note", "label": _l("Note"),
             "templates_dir": Path(__file__).parent / "documents"}]


@hookimpl
def kontora_merge_tags(kind: str) -> list[dict]:
    if kind != "sample.note":
        return []
    from core.i18n import lazy_gettext as _l

    def lines(note: Any) -> list[dict]:
        return [{"text": f"Line {n} of {note.title}", "amount": str(note.amount or 0)}
                for n in range(1, int(note.amount or 0) // 100 + 2)]

    return [{"tag": "note.title", "label": _l("Title"), "value": lambda note: note.title},
            {"tag": "note.amount", "label": _l("Amount"),
             "value": lambda note: str(note.amount or "0.00")},
            {"tag": "note.number", "label": _l("Number"),
             "value": lambda note: note.number},
            {"tag": "note.lines", "label": _l("Lines"), "value": lines}]


@hookimpl
def kontora_number_series() -> list[dict]:
    return [{"code": "NOTE", "kind": "sample.note", "label": "Notes",
             "pattern": "N-{year}-{seq:04d}", "yearly_reset": True}]


@hookimpl
def kontora_link_purposes() -> dict[str, str]:
    return {"sample.view": "sample.public_note", "sample.confirm": "sample.public_confirm"}


@hookimpl
def kontora_menu_entries() -> list[dict]:
    from core.i18n import lazy_gettext as _l

    return [{"label": _l("Notes"), "endpoint": "sample.note_list", "group": _l("Sample"),
             "order": 10,
             "permission": "sample.read", "icon": "journal-text"}]


@hookimpl
def kontora_permissions() -> list[tuple[str, str]]:
    from core.i18n import lazy_gettext as _l

    return [("sample.read", _l("Read notes")), ("sample.write", _l("Edit notes"))]


@hookimpl
def kontora_default_roles() -> dict[str, list[str]]:
    return {"sales_manager": ["sample.read", "sample.write"],
            "salesperson": ["sample.read", "sample.write"],
            "accountant": ["sample.read"]}


@hookimpl
def kontora_demo_data(session: Any) -> None:
    from tests.sample_plugin.models import SampleNote

    session.add(SampleNote(title="Demo note"))
