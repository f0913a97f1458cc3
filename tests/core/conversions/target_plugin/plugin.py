"""Manifest and hooks of the ``convtarget`` test plugin.

It declares conversions from ``sample.note`` without depending on (or importing) the
sample plugin: it reads notes only through the document-content protocol.
"""

from __future__ import annotations

from typing import Any

from core import Manifest, hookimpl

manifest = Manifest(
    name="convtarget",
    title="Conversion targets",
    version="1.0",
    depends=[],
    description="Copies and drafts made from sample notes, for the conversion tests.",
)


@hookimpl
def kontora_models() -> None:
    from tests.core.conversions.target_plugin import models  # noqa: F401


@hookimpl
def kontora_record_kinds() -> list:
    from core.kinds import RecordKind
    from tests.core.conversions.target_plugin.models import Copy, Draft

    return [
        RecordKind(kind="convtarget.copy", model=Copy, label="Copy", label_plural="Copies",
                   permission_prefix="convtarget", title_attr="title"),
        RecordKind(kind="convtarget.draft", model=Draft, label="Draft", label_plural="Drafts",
                   permission_prefix="convtarget", title_attr="title"),
    ]


@hookimpl
def kontora_permissions() -> list[tuple[str, str]]:
    return [("convtarget.read", "Read copies"), ("convtarget.write", "Edit copies"),
            ("convtarget.convert", "Make copies of notes")]


@hookimpl
def kontora_conversions() -> list:
    from core.conversions import Conversion

    return [
        Conversion("sample.note", "convtarget.copy", "Make a copy", "convtarget.convert",
                   make_copy),
        Conversion("sample.note", "convtarget.draft", "Start a draft", "convtarget.convert",
                   make_draft, allow_repeat=True),
        Conversion("ghost.thing", "convtarget.copy", "Copy a ghost", "convtarget.convert",
                   make_copy),
    ]


def make_copy(principal: Any, content: dict) -> Any:
    from core.db import session
    from tests.core.conversions.target_plugin.models import Copy

    copy = Copy(title=f"Copy of {content['reference']}", currency=content["currency"],
                total=content["totals"]["gross"], owner_id=principal.user_id)
    session().add(copy)
    return copy


def make_draft(principal: Any, content: dict) -> Any:
    from core.db import session
    from tests.core.conversions.target_plugin.models import Draft

    draft = Draft(title=f"Draft from {content['reference']}", owner_id=principal.user_id)
    session().add(draft)
    session().flush()
    return draft
