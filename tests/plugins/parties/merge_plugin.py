"""A plugin that keeps its own rows about clients and moves them through the merge hook.

Its table lives on a metadata of its own (made and dropped by the test), so the shared
test schema and the migration drift check never see it. It refers to clients without a
foreign key, so only its hook, not the leftover sweep, can move its rows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, UniqueConstraint

from core import Manifest, hookimpl
from core.db.merge import move_rows

manifest = Manifest(name="mergetest", title="Merge test", version="1.0", depends=[],
                    description="Marks on clients, moved when clients merge.")

metadata = MetaData()
marks = Table(
    "mergetest_mark", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, nullable=False),
    Column("label", String(40), nullable=False),
    UniqueConstraint("client_id", "label"),
)


@hookimpl
def kontora_merge_records(kind: str, source_id: int, target_id: int,
                          session: Any) -> list[dict[str, Any]]:
    if kind != "parties.client":
        return []
    return [{"label": "Marks", "count": move_rows(session, marks, "client_id", source_id,
                                                   target_id)}]
