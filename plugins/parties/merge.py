"""How a duplicate client's rows move to the client that stays.

:func:`move_client_rows` is this plugin's ``kontora_merge_records`` implementation: contact
links, addresses, bank accounts, tags and custom values. The surviving client keeps its
own defaults (registered address, bank account, primary contact); the duplicate's come
along as ordinary rows. Where both carry the same contact, tag or custom field, the
surviving client's row wins.

:func:`move_leftovers` runs after every plugin's hook: any row of any table that still
points at the duplicate through a foreign key to ``parties_client`` is moved the same
way, so a plugin that implements no hook loses no rows to the delete cascade.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, exists, inspect, select, update
from sqlalchemy.orm import Session

from core.db import Base
from core.db.merge import move_rows
from core.i18n import lazy_gettext as _l
from plugins.parties.models import (
    Address,
    BankAccount,
    ClientContact,
    CustomValue,
    client_tag,
)

CLIENT_KIND = "parties.client"


def move_client_rows(kind: str, source_id: int, target_id: int,
                     session: Session) -> list[dict[str, Any]]:
    if kind != CLIENT_KIND:
        return []
    _drop_defaults(session, Address.__table__, source_id, target_id, by_use=True)
    _drop_defaults(session, BankAccount.__table__, source_id, target_id, by_use=False)
    links = ClientContact.__table__
    if session.scalar(select(exists().where(links.c.client_id == target_id))):
        session.execute(update(links).where(links.c.client_id == source_id)
                        .values(is_primary=False))
    moved = [
        (_l("Contact persons"), move_rows(session, links, "client_id", source_id, target_id)),
        (_l("Addresses"), move_rows(session, Address.__table__, "client_id", source_id,
                                    target_id)),
        (_l("Bank accounts"), move_rows(session, BankAccount.__table__, "client_id",
                                        source_id, target_id)),
        (_l("Tags"), move_rows(session, client_tag, "client_id", source_id, target_id)),
        (_l("Custom fields"), move_rows(session, CustomValue.__table__, "client_id",
                                        source_id, target_id)),
    ]
    return [{"label": label, "count": count} for label, count in moved if count]


def _drop_defaults(session: Session, table: Table, source_id: int, target_id: int, *,
                   by_use: bool) -> None:
    """The duplicate's default stops being one where the surviving client has its own."""
    theirs = select(1).where(table.c.client_id == target_id, table.c.is_default)
    if by_use:
        other = table.alias()
        theirs = select(1).select_from(other).where(
            other.c.client_id == target_id, other.c.is_default, other.c.use == table.c.use)
    session.execute(update(table)
                    .where(table.c.client_id == source_id, table.c.is_default,
                           exists(theirs))
                    .values(is_default=False))


def move_leftovers(session: Session, source_id: int, target_id: int) -> list[dict[str, Any]]:
    """Move rows of any table still referring to the duplicate by a foreign key."""
    moved = []
    present = inspect(session.connection())
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name != "parties_client" or not present.has_table(table.name):
                continue
            if not session.scalar(select(exists().where(fk.parent == source_id))):
                continue
            count = move_rows(session, table, fk.parent, source_id, target_id)
            moved.append({"label": table.name, "count": count})
    return moved
