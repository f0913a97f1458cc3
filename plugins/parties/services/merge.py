"""Merging a duplicate client into the one that stays.

Every enabled plugin moves its own rows through the ``kontora_merge_records`` hook (this
plugin's contacts, addresses, bank accounts, tags and custom values included), then any
row still pointing at the duplicate by foreign key is moved too, an audit entry is written
on both clients and the duplicate is deleted. The preview runs exactly the same moves in a
savepoint and rolls it back, so what it shows is what the merge would do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.audit.models import AuditEntry
from core.db import session
from core.i18n import gettext as _
from core.kernel import kontora
from core.permissions import require
from plugins.parties.exceptions import InvalidClientData
from plugins.parties.merge import CLIENT_KIND, move_leftovers
from plugins.parties.models import Client
from plugins.parties.services.common import act_as, announce, load_client


@dataclass
class MergePlan:
    """The duplicate (``source_id``, gone after a merge), the client that stays, what moves."""

    source_id: int
    source_name: str
    target: Client
    moves: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"source_id": self.source_id, "source_name": self.source_name,
                "target_id": self.target.id,
                "moves": [{"label": str(m["label"]), "count": m["count"]} for m in self.moves]}


def preview_merge(principal: Any, source_id: int, target_id: int) -> MergePlan:
    """What merging ``source_id`` into ``target_id`` would move; nothing is written."""
    source, target = _load_pair(principal, source_id, target_id)
    name = source.name
    sess = session()
    sess.flush()
    savepoint = sess.begin_nested()
    try:
        moves = _move(source_id, target_id)
    finally:
        savepoint.rollback()
    return MergePlan(source_id, name, target, moves)


def merge_clients(principal: Any, source_id: int, target_id: int) -> MergePlan:
    """Move everything of client ``source_id`` to ``target_id``, then delete ``source_id``."""
    source, target = _load_pair(principal, source_id, target_id)
    act_as(principal)
    sess = session()
    sess.flush()
    moves = _move(source_id, target_id)
    sess.expire_all()
    _audit(principal, target_id, "merged_from", f"{source.name} #{source_id}")
    _audit(principal, source_id, "merged_into", f"{target.name} #{target_id}")
    plan = MergePlan(source_id, source.name, target, moves)
    sess.delete(source)
    sess.flush()
    announce("parties.clients-merged", target_id, source_id=source_id,
             principal_id=principal.user_id,
             moved={str(m["label"]): m["count"] for m in moves})
    return plan


def _load_pair(principal: Any, source_id: int, target_id: int) -> tuple[Client, Client]:
    require(principal, "parties.merge")
    if source_id == target_id:
        raise InvalidClientData({"target_id": [_("A client cannot be merged into itself.")]})
    return (load_client(principal, source_id, "write"),
            load_client(principal, target_id, "write"))


def _move(source_id: int, target_id: int) -> list[dict[str, Any]]:
    sess = session()
    moves = kontora().collect("kontora_merge_records", kind=CLIENT_KIND, source_id=source_id,
                              target_id=target_id, session=sess)
    return list(moves) + move_leftovers(sess, source_id, target_id)


def _audit(principal: Any, client_id: int, what: str, other: str) -> None:
    session().add(AuditEntry(
        record_kind=CLIENT_KIND, record_id=client_id, action="merge",
        actor_kind=principal.kind, actor_id=principal.id, actor_name=principal.name,
        changes={what: [None, other]}))
