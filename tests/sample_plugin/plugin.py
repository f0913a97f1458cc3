"""Manifest, contents and behaviour hooks of the ``sample`` test plugin.

The other test plugins keep plain hooks for their lists, so both ways stay tested.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core import Contents, Manifest, hookimpl
from core.db import session
from core.i18n import lazy_gettext as _l
from tests.sample_plugin.models import SampleNote

manifest = Manifest(
    name="sample",
    title="Sample",
    version="1.0",
    depends=[],
    description="Notes with an owner: exercises every kernel service in tests.",
)


contents = Contents(
    models=["tests.sample_plugin.models"],
    record_kinds=["tests.sample_plugin.kinds:record_kinds"],
    document_kinds=["tests.sample_plugin.kinds:document_kinds"],
    signals=[{"sample.note-created": "Sender: the note id. Keyword arguments: title."}],
    blueprints=["tests.sample_plugin.views:bp"],
    api_blueprints=["tests.sample_plugin.api:bp"],
    number_series=[{"code": "NOTE", "kind": "sample.note", "label": "Notes",
                    "pattern": "N-{year}-{seq:04d}", "yearly_reset": True}],
    link_purposes={"sample.view": "sample.public_note",
                   "sample.confirm": "sample.public_confirm"},
    menu=[{"label": _l("Notes"), "endpoint": "sample.note_list", "group": _l("Sample"),
           "order": 10, "permission": "sample.read", "icon": "journal-text"}],
    permissions=[("sample.read", _l("Read notes")), ("sample.write", _l("Edit notes"))],
    roles={"sales_manager": ["sample.*"], "salesperson": ["sample.*"],
           "accountant": ["sample.read"]},
    demo_data=["tests.sample_plugin.kinds:add_demo_notes"],
)


@hookimpl
def kontora_document_content(kind: str, record_id: int) -> dict | None:
    if kind != "sample.note":
        return None


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
def kontora_merge_tags(kind: str) -> list[dict]:
    if kind != "sample.note":
        return []

    def lines(note: Any) -> list[dict]:
        return [{"text": f"Line {n} of {note.title}", "amount": str(note.amount or 0)}
                for n in range(1, int(note.amount or 0) // 100 + 2)]

    return [{"tag": "note.title", "label": _l("Title"), "value": lambda note: note.title},
            {"tag": "note.amount", "label": _l("Amount"),
             "value": lambda note: str(note.amount or "0.00")},
            {"tag": "note.number", "label": _l("Number"),
             "value": lambda note: note.number},
            {"tag": "note.lines", "label": _l("Lines"), "value": lines}]
