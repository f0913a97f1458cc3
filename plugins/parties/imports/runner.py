"""The import job: stream the file, check rows in batches, write them, report progress.

Memory stays flat whatever the file's size: rows are read one at a time and handled
``BATCH`` at a time; rows are written with multi-row ``INSERT``s (no ORM objects kept in
the session); row problems go to ``parties_import_problem`` at once; and each batch is
committed with the run's counters, so the progress bar sees them and a crash keeps what
was done. Duplicates are looked up once per batch (same tax id in the same country, VAT
number, e-mail, or the same folded name) against the database (earlier batches included)
and within the batch. A dry run does everything but the writing of clients and contacts.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update

from core.audit.models import AuditEntry
from core.db import session, utcnow
from core.errors import Forbidden
from core.i18n import gettext as _
from core.identity.users import principal_for
from core.kernel import kontora
from core.permissions import require, scope
from plugins.parties.duplicates import name_key
from plugins.parties.imports import files
from plugins.parties.imports.rows import client_row, contact_row
from plugins.parties.models import (
    Client,
    ClientContact,
    Contact,
    ContactMethod,
    ImportProblem,
    ImportRun,
    Tag,
    client_tag,
)

log = logging.getLogger(__name__)

BATCH = 1000
MAX_PROBLEMS = 10000
"""Problems kept per run; a file that bad needs fixing at its source, not a longer list."""

CLIENT_COLUMNS = ("kind", "status", "name", "country", "tax_id", "vat_number",
                  "trade_register_no", "personal_id", "email", "phone", "website",
                  "relationship_type", "loyalty", "size", "notes")


def run_import(import_id: int) -> None:
    """Job ``parties.import``: run import ``import_id`` once (a second delivery does nothing)."""
    sess = session()
    claimed = sess.execute(update(ImportRun).where(ImportRun.id == import_id,
                                                   ImportRun.status == "queued")
                           .values(status="running")).rowcount
    sess.commit()
    if not claimed:
        return
    run = sess.get(ImportRun, import_id)
    try:

        principal = principal_for(run.created_by_id) if run.created_by_id else None
        execute(principal, run)
    except Exception as exc:  # the run is marked failed instead of retried half-done
        log.exception("import %s failed", import_id)
        sess.rollback()
        sess.execute(update(ImportRun).where(ImportRun.id == import_id).values(
            status="failed", error=str(exc)[:2000], finished_at=utcnow()))
        sess.commit()


def execute(principal: Any, run: ImportRun) -> None:
    """Import (or dry-run) ``run`` as ``principal``, committing after every batch."""
    sess = session()
    if principal is None:

        raise Forbidden(_("The user who started the import no longer exists."))
    require(principal, "parties.import")
    require(principal, "parties.write")
    run.total_rows = files.count_rows(run.stored_name, run.file_format)
    sess.commit()
    importer = (ClientImporter if run.target == "clients" else ContactImporter)(principal, run)
    mapping = {int(index): name for index, name in run.mapping.items() if name}
    with files.open_rows(run.stored_name, run.file_format) as rows:
        next(rows, None)  # the header
        records = ((number, {name: (row[i] if i < len(row) else "")
                             for i, name in mapping.items()})
                   for number, row in enumerate(rows, start=2))
        for batch in _batches(records, BATCH):
            importer.handle(batch)
            run.processed += len(batch)
            sess.commit()
    run.status, run.finished_at = "done", utcnow()
    sess.commit()
    if not run.dry_run:

        kontora().events.announce("parties.import-finished", run.id, target=run.target,
                                  created=run.created_count, principal_id=principal.user_id)


def compact_tax_id(text: str) -> str:
    """A tax id as stored: no separators, no country prefix (``RO 185.472.90`` -> ``18547290``)."""
    return re.sub(r"^[A-Za-z]{2}(?=\d)", "", re.sub(r"[\s.\-/]", "", text))


def _insert_rows(table: Any, params: list[dict[str, Any]], key: str) -> list[int]:
    """Insert ``params`` with one ``executemany`` and return their ids in the same order.

    ``INSERT ... RETURNING`` over many rows is slow here (SQLite gets one statement per
    row when the order must be kept; psycopg re-parses a huge statement per page), so the
    rows are inserted plainly and read back: they are the rows after the highest id seen
    before, with this batch's author and timestamp. Ids of rows with equal ``key`` are
    taken in ascending order, the order they were inserted.
    """
    sess = session()
    before = sess.scalar(select(func.max(table.c.id))) or 0
    sess.execute(insert(table), params)
    stamp = params[0]
    returned = sess.execute(select(table.c.id, table.c[key]).where(
        table.c.id > before, table.c.created_by_id == stamp["created_by_id"],
        table.c.created_at == stamp["created_at"]).order_by(table.c.id)).all()
    by_key: dict[str, list[int]] = {}
    for row_id, value in returned:
        by_key.setdefault(value, []).append(row_id)
    taken: dict[str, int] = {}
    ids = []
    for row in params:
        n = taken.get(row[key], 0)
        ids.append(by_key[row[key]][n])
        taken[row[key]] = n + 1
    return ids


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class _Importer:
    """What client and contact imports share: problems, duplicates policy, audit rows."""

    kind = ""

    def __init__(self, principal: Any, run: ImportRun) -> None:
        self.principal = principal
        self.run = run
        self.problems: list[dict[str, Any]] = []
        self.stored = 0  # problems written so far (a started run begins with none)

    def problem(self, row: int, field: str, message: str, *, flag_only: bool = False) -> None:
        self.problems.append({"import_id": self.run.id, "row": row, "field": field[:60],
                              "message": str(message)[:500], "flag_only": flag_only})

    def refuse(self, row: int, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            self.problem(row, field, " ".join(messages))
        self.run.failed_count += 1

    def duplicate(self, row: int, field: str, message: str) -> bool:
        """Note a look-alike; True when the row is to be skipped."""
        skip = self.run.duplicates == "skip"
        self.problem(row, field, message, flag_only=not skip)
        if skip:
            self.run.skipped_count += 1
        else:
            self.run.flagged_count += 1
        return skip

    def flush_problems(self) -> None:
        room = MAX_PROBLEMS - self.stored
        if self.problems and room > 0:
            session().execute(insert(ImportProblem), self.problems[:room])
            self.stored += len(self.problems[:room])
        self.problems = []

    def audit(self, ids: list[int]) -> None:
        p = self.principal
        now = utcnow()
        session().execute(insert(AuditEntry.__table__), [
            {"record_kind": self.kind, "record_id": i, "action": "create", "at": now,
             "actor_kind": p.kind, "actor_id": p.id, "actor_name": p.name,
             "changes": {"import": [None, self.run.id]}} for i in ids])

    def stamp(self) -> dict[str, Any]:
        now, me = utcnow(), self.principal.user_id
        return {"owner_id": me, "created_by_id": me, "updated_by_id": me, "created_at": now,
                "updated_at": now, "version": 1}


class ClientImporter(_Importer):
    kind = "parties.client"

    def handle(self, batch: list[tuple[int, dict[str, str]]]) -> None:
        checked = []
        for number, raw in batch:
            values, errors = client_row(raw)
            if errors:
                self.refuse(number, errors)
            else:
                values["name_key"] = name_key(values["name"])
                checked.append((number, values))
        found = self._existing([v for _n, v in checked])
        seen: dict[tuple[str, str], int] = {}
        keep = []
        for number, values in checked:
            clash = self._clash(values, found, seen, number)
            if clash and self.duplicate(number, clash[0], clash[1]):
                continue
            keep.append(values)
        if keep and not self.run.dry_run:
            self._write(keep)
        self.run.created_count += len(keep)
        self.flush_problems()

    @staticmethod
    def _keys(values: dict[str, Any]) -> list[tuple[str, str]]:
        keys = [("name", values["name_key"])]
        if values.get("tax_id"):
            keys.append(("tax_id", f"{values['country']}:{values['tax_id']}"))
        for name in ("vat_number", "email"):
            if values.get(name):
                keys.append((name, values[name]))
        return keys

    def _existing(self, rows: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
        """Clients already stored that share a key with ``rows`` (every owner's: duplicates
        are found across the company, as when creating one client)."""
        keys = {k for values in rows for k in self._keys(values)}
        wanted = {name: {v for n, v in keys if n == name}
                  for name in ("name", "tax_id", "vat_number", "email")}
        pairs = [v.split(":", 1) for v in wanted["tax_id"]]
        conditions = [Client.name_key.in_(wanted["name"])]
        if pairs:  # country first: the index is (country, tax_id)
            conditions.append(and_(Client.country.in_({c for c, _t in pairs}),
                                   Client.tax_id.in_({t for _c, t in pairs})))
        if wanted["vat_number"]:
            conditions.append(Client.vat_number.in_(wanted["vat_number"]))
        if wanted["email"]:
            conditions.append(Client.email.in_(wanted["email"]))
        found: dict[tuple[str, str], int] = {}
        stmt = select(Client.id, Client.name_key, Client.country, Client.tax_id,
                      Client.vat_number, Client.email).where(or_(*conditions))
        for cid, key, country, tax_id, vat, email in session().execute(stmt):
            for stored in (("name", key), ("tax_id", f"{country}:{tax_id}"),
                           ("vat_number", vat), ("email", email)):
                if stored in keys:
                    found.setdefault(stored, cid)
        return found

    def _clash(self, values: dict[str, Any], found: dict[tuple[str, str], int],
               seen: dict[tuple[str, str], int], number: int) -> tuple[str, str] | None:
        clash = None
        for key in self._keys(values):
            if clash is None and key in found:
                clash = (key[0], _("Looks like client #%(id)s (same %(what)s).",
                                   id=found[key], what=key[0]))
            elif clash is None and key in seen:
                clash = (key[0], _("Looks like row %(row)s of this file (same %(what)s).",
                                   row=seen[key], what=key[0]))
            seen.setdefault(key, number)
        return clash

    def _write(self, rows: list[dict[str, Any]]) -> None:
        stamp = self.stamp()
        params = [{**{c: values.get(c) for c in CLIENT_COLUMNS}, **stamp,
                   "name_key": values["name_key"], "vat_check_status": "unchecked"}
                  for values in rows]
        ids = _insert_rows(Client.__table__, params, "name_key")
        self._tag(ids, [values.get("tags") or [] for values in rows])
        self.audit(ids)

    def _tag(self, ids: list[int], tag_lists: list[list[str]]) -> None:
        names = {n for tags in tag_lists for n in tags}
        if not names:
            return
        sess = session()
        known = dict(sess.execute(select(Tag.name, Tag.id).where(Tag.name.in_(names))).all())
        missing = sorted(names - set(known))
        if missing:
            sess.execute(insert(Tag), [{"name": n} for n in missing])
            known.update(sess.execute(select(Tag.name, Tag.id).where(Tag.name.in_(missing))).all())
        pairs = [{"client_id": cid, "tag_id": known[n]} for cid, tags in zip(ids, tag_lists,
                                                                              strict=True)
                 for n in tags]
        sess.execute(insert(client_tag), pairs)


class ContactImporter(_Importer):
    kind = "parties.contact"

    def handle(self, batch: list[tuple[int, dict[str, str]]]) -> None:
        checked = []
        for number, raw in batch:
            values, errors = contact_row(raw)
            if errors:
                self.refuse(number, errors)
            else:
                checked.append((number, values))
        clients = self._clients([v for _n, v in checked])
        emails = {v["email"] for _n, v in checked if v.get("email")}
        known = set(session().scalars(select(ContactMethod.value).where(
            ContactMethod.channel == "email", ContactMethod.value.in_(emails)))) if emails \
            else set()
        seen: dict[str, int] = {}
        keep = []
        for number, values in checked:
            client_id = None
            for field, key in (("client_tax_id", "tax"), ("client_name", "name")):
                if values.get(field):
                    client_id = clients.get((key, values[field].casefold()))
                    if client_id is None:
                        self.refuse(number, {field: [_("No such client.")]})
                        break
            else:
                email = values.get("email")
                if email and (email in known or email in seen):
                    where = (_("Looks like row %(row)s of this file (same %(what)s).",
                               row=seen[email], what="email") if email in seen else
                             _("A contact with this e-mail already exists."))
                    if self.duplicate(number, "email", where):
                        continue
                if email:
                    seen.setdefault(email, number)
                keep.append((values, client_id))
        if keep and not self.run.dry_run:
            self._write(keep)
        self.run.created_count += len(keep)
        self.flush_problems()

    def _clients(self, rows: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
        """Clients named by tax id or exact name that the importing user may change."""
        for values in rows:
            if values.get("client_tax_id"):
                values["client_tax_id"] = compact_tax_id(values["client_tax_id"])
        taxes = {v["client_tax_id"] for v in rows if v.get("client_tax_id")}
        names = {v["client_name"] for v in rows if v.get("client_name")}
        if not taxes and not names:
            return {}
        stmt = scope(select(Client.id, Client.tax_id, Client.name).where(
            or_(Client.tax_id.in_(taxes), Client.name.in_(names))), Client,
            self.principal, "write")
        out: dict[tuple[str, str], int] = {}
        for cid, tax_id, name in session().execute(stmt):
            if tax_id:
                out.setdefault(("tax", tax_id.casefold()), cid)
            out.setdefault(("name", name.casefold()), cid)
        return out

    def _write(self, rows: list[tuple[dict[str, Any], int | None]]) -> None:
        sess = session()
        stamp = self.stamp()
        params = []
        for values, _client in rows:
            channel = "email" if values.get("email") else (
                "mobile" if values.get("mobile") else "phone" if values.get("phone")
                else "email")
            params.append({**stamp, "name": values["name"], "job_title": values.get("job_title"),
                           "notes": values.get("notes"), "preferred_channel": channel,
                           "responsibilities": [], "available_hours": None})
        ids = _insert_rows(Contact.__table__, params, "name")
        methods, links = [], []
        for contact_id, (values, client_id) in zip(ids, rows, strict=True):
            first = True
            for channel in ("email", "phone", "mobile"):
                if values.get(channel):
                    methods.append({"contact_id": contact_id, "channel": channel,
                                    "value": values[channel], "label": None,
                                    "preferred": first})
                    first = False
            if client_id is not None:
                links.append({"client_id": client_id, "contact_id": contact_id,
                              "role": values.get("role"), "is_primary": False})
        if methods:
            sess.execute(insert(ContactMethod), methods)
        if links:
            sess.execute(insert(ClientContact), links)
        self.audit(ids)
