"""Running conversions and reading the chain of documents they leave behind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from core.audit.models import AuditEntry
from core.conversions.content import read_content
from core.conversions.models import DocumentLink
from core.conversions.registry import Conversion, conversions_from, get_conversion
from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.kernel import kontora
from core.permissions import require, scope
from core.services import act_as, get_record, lock_record

MAX_CHAIN = 100  # records shown in one chain; real chains hold a handful


@dataclass(frozen=True)
class Offered:
    """A conversion the principal may run on a record, and the targets it already made."""

    conversion: Conversion
    existing: tuple[int, ...]

    @property
    def done(self) -> bool:
        """Pressing it again would return the existing target."""
        return bool(self.existing) and not self.conversion.allow_repeat


@dataclass(frozen=True)
class Converted:
    """The outcome of :func:`convert`: the target, and whether it was made just now."""

    conversion: Conversion
    target_kind: str
    target_id: int
    record: Any
    created: bool


@dataclass(frozen=True)
class ChainEntry:
    """One record of a document chain, as both ends' pages show it."""

    kind: str
    record_id: int
    label: str
    title: str
    endpoint: str | None
    linked_at: datetime | None  # when it was converted from its predecessor; None for roots
    current: bool  # the record whose chain was asked for


def available_conversions(principal: Any, kind: str, record_id: int) -> list[Offered]:
    """The conversions from ``kind`` that ``principal`` may run on ``record_id``.

    Raises ``NotFound`` when the record does not exist or a record rule hides it.
    """

    runnable = [c for c in conversions_from(kind)
                if principal is not None and principal.has(c.permission)]
    if not runnable:
        return []
    get_record(principal, kind, record_id)
    existing = _existing_targets(kind, record_id)
    return [Offered(c, tuple(existing.get(c.target, ()))) for c in runnable]


def convert(principal: Any, kind: str, record_id: int, target: str) -> Converted:
    """Convert ``kind`` #``record_id`` into a new ``target`` record, in the current unit of work.

    Checks the action's permission and the record rules on the source; when the source was
    already converted into a still existing ``target`` and repeats are not allowed, returns
    that one (``created=False``). Links both documents, audits, and announces
    ``core.record-converted`` after commit.
    """

    conversion = get_conversion(kind, target)
    if conversion is None:
        raise NotFound(_("%(kind)s cannot be converted into %(target)s.", kind=kind,
                         target=target))
    require(principal, conversion.permission)
    get_record(principal, kind, record_id)
    act_as(principal)
    k = kontora()
    lock_record(k.kinds[kind].model, record_id)  # a second click waits, then sees the link

    if not conversion.allow_repeat:
        for target_id in _existing_targets(kind, record_id).get(target, ()):
            existing = session().get(k.kinds[target].model, target_id)
            if existing is not None:
                return Converted(conversion, target, target_id, existing, created=False)

    record = conversion.run(principal, read_content(kind, record_id))
    if getattr(record, "id", None) is None:
        session().flush()
    if not isinstance(getattr(record, "id", None), int):
        raise TypeError(f"conversion {kind} -> {target} returned {record!r}, not a saved record")
    link = DocumentLink(source_kind=kind, source_id=record_id, target_kind=target,
                        target_id=record.id, created_by_id=principal.user_id)
    session().add(link)
    session().flush()
    _audit(principal, kind, record_id, target, record.id)
    k.events.announce("core.record-converted", kind, record_id=record_id, target_kind=target,
                      target_id=record.id, user_id=principal.user_id)
    return Converted(conversion, target, record.id, record, created=True)


def document_chain(kind: str, record_id: int, principal: Any = None) -> list[ChainEntry]:
    """Every record linked to ``kind`` #``record_id`` through conversions, oldest first.

    Follows links both ways (offer -> order -> invoice shows on all three). Records of
    disabled plugins are left out, and so are those a record rule hides from ``principal``.
    """

    k = kontora()
    seen: dict[tuple[str, int], datetime | None] = {(kind, record_id): None}
    frontier = [(kind, record_id)]
    while frontier and len(seen) < MAX_CHAIN:
        conditions = [or_((DocumentLink.source_kind == k_) & (DocumentLink.source_id == i),
                          (DocumentLink.target_kind == k_) & (DocumentLink.target_id == i))
                      for k_, i in frontier]
        frontier = []
        for link in session().scalars(select(DocumentLink).where(or_(*conditions))):
            for node, linked_at in (((link.source_kind, link.source_id), None),
                                    ((link.target_kind, link.target_id), link.created_at)):
                if node not in seen:
                    seen[node] = linked_at
                    frontier.append(node)
                elif linked_at is not None and seen[node] is None:
                    seen[node] = linked_at
    if len(seen) == 1:
        return []
    visible = _visible(seen, principal)
    entries = []
    for (node_kind, node_id), linked_at in seen.items():
        record = visible.get((node_kind, node_id))
        if record is None:
            continue
        rk = k.kinds[node_kind]
        entries.append(ChainEntry(node_kind, node_id, str(rk.label), rk.title_of(record),
                                  rk.endpoint, linked_at,
                                  (node_kind, node_id) == (kind, record_id)))
    entries.sort(key=lambda e: (e.linked_at is not None, e.linked_at or datetime.min, e.record_id))
    return entries


def _existing_targets(kind: str, record_id: int) -> dict[str, list[int]]:
    rows = session().execute(
        select(DocumentLink.target_kind, DocumentLink.target_id)
        .where(DocumentLink.source_kind == kind, DocumentLink.source_id == record_id)
        .order_by(DocumentLink.id)
    )
    found: dict[str, list[int]] = {}
    for target_kind, target_id in rows:
        found.setdefault(target_kind, []).append(target_id)
    return found


def _visible(nodes: dict[tuple[str, int], Any], principal: Any) -> dict[tuple[str, int], Any]:
    """The records behind ``nodes`` that exist, belong to enabled kinds and may be read."""

    k = kontora()
    by_kind: dict[str, list[int]] = {}
    for node_kind, node_id in nodes:
        if node_kind in k.kinds:
            by_kind.setdefault(node_kind, []).append(node_id)
    found: dict[tuple[str, int], Any] = {}
    for node_kind, ids in by_kind.items():
        rk = k.kinds[node_kind]
        if principal is not None and not principal.has(rk.read_permission):
            continue
        stmt = select(rk.model).where(rk.model.id.in_(ids))
        if principal is not None:
            stmt = scope(stmt, rk.model, principal, action="read")
        for record in session().scalars(stmt):
            found[(node_kind, record.id)] = record
    return found


def _audit(principal: Any, kind: str, record_id: int, target: str, target_id: int) -> None:
    """Note the conversion in the source's audit trail (the target's creation is audited
    on its own by the flush)."""

    session().add(AuditEntry(
        record_kind=kind, record_id=record_id, action="convert",
        actor_kind=principal.kind, actor_id=principal.id, actor_name=principal.name,
        changes={"converted_into": [None, f"{target} #{target_id}"]},
    ))


__all__ = ["ChainEntry", "Converted", "Offered", "available_conversions",
           "convert", "document_chain"]
