"""What hangs off clients, bulk loaded: addresses, contacts, custom values, audit, activities.

Each client gets what a real one has (one to three addresses, contact persons with their
e-mails and phones, a bank account, tags, a group, custom field values, a few audit
entries); the profiled clients are among them, not special. Activities, when the
``activities`` plugin is enabled, follow a long tail: most clients have a handful, a few
key accounts have thousands.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import Engine, text

from bench.common import bulk_insert
from bench.data import EPOCH, PEOPLE, SPAN_SECONDS, Staff

TAGS = ["VIP", "export", "reseller", "public sector", "late payer", "партньор", "дилър",
        "ключов клиент", "angro", "en-detail"]
GROUPS = ["Muntenia", "Moldova", "Transilvania", "Dobrogea", "Северна България",
          "Южна България", "Chișinău", "Online"]
STREETS = ["Str. Mihai Eminescu", "Bd. Unirii", "Calea Victoriei", "Str. Ștefan cel Mare",
           "ул. Витоша", "бул. Христо Ботев", "ул. Раковски", "Str. Independenței"]
CITIES = [("RO", "București"), ("RO", "Brașov"), ("RO", "Iași"), ("BG", "София"),
          ("BG", "Пловдив"), ("BG", "Варна"), ("MD", "Chișinău"), ("UA", "Одеса")]
JOB_TITLES = ["Director general", "Contabil-șef", "Achiziții", "Управител", "Счетоводител",
              "Снабдител", "Главный бухгалтер", None]
CUSTOM_FIELDS = [("sector", "Sector", "text"), ("employees", "Employees", "number"),
                 ("contract_until", "Contract until", "date")]
SECTORS = ["construcții", "retail", "HoReCa", "производство", "логистика", "IT"]


def fix_sequence(engine: Engine, table: str) -> None:
    """After loading explicit ids: the next id continues after the largest one."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                              f"(SELECT max(id) FROM {table}))"))


def load_related(app: Flask, clients: int, staff: Staff, seed: int = 7) -> dict[str, int]:
    """Rows of every related table for clients ``1..clients``; returns the count per table."""
    from core.kernel import kontora

    engine = kontora(app).db.engine
    rng = random.Random(seed)
    counts = {}
    tables: list[tuple[str, tuple[str, ...], Iterator[tuple[Any, ...]]]] = [
        ("parties_tag", ("id", "name"), iter(enumerate(TAGS, 1))),
        ("parties_group", ("id", "name"), iter(enumerate(GROUPS, 1))),
        ("parties_custom_field", ("id", "code", "label", "type", "choices", "position",
                                  "active"),
         iter((i, code, label, kind, "[]", i, True)
              for i, (code, label, kind) in enumerate(CUSTOM_FIELDS, 1))),
        ("parties_address", ("client_id", "use", "street", "city", "postal_code", "country",
                             "is_default", "created_at", "updated_at"),
         _addresses(rng, clients)),
        ("parties_bank_account", ("client_id", "iban", "bank_name", "currency", "is_default"),
         _bank_accounts(rng, clients)),
        ("parties_client_tag", ("client_id", "tag_id"), _tags(rng, clients)),
        ("parties_custom_value", ("client_id", "field_id", "value_text", "value_number",
                                  "value_date"), _custom_values(rng, clients)),
        ("core_audit", ("at", "action", "actor_kind", "actor_id", "actor_name", "changes",
                        "record_kind", "record_id"), _audit(rng, clients, staff)),
    ]
    for table, columns, rows in tables:
        counts[table] = bulk_insert(engine, table, columns, rows)
    contacts, methods, links = _contacts(rng, clients, staff)
    counts["parties_contact"] = bulk_insert(
        engine, "parties_contact", ("id", "name", "job_title", "preferred_channel",
                                    "responsibilities", "created_at", "updated_at",
                                    "owner_id", "version"), contacts)
    counts["parties_contact_method"] = bulk_insert(
        engine, "parties_contact_method", ("contact_id", "channel", "value", "preferred"),
        methods)
    counts["parties_client_contact"] = bulk_insert(
        engine, "parties_client_contact", ("client_id", "contact_id", "role", "is_primary"),
        links)
    for table in ("parties_tag", "parties_group", "parties_custom_field", "parties_contact"):
        fix_sequence(engine, table)
    with engine.begin() as conn:  # one group per client, set in one statement
        conn.execute(text(f"UPDATE parties_client SET group_id = 1 + id % {len(GROUPS)} "
                          "WHERE id % 3 <> 0"))
    return counts


def _when(rng: random.Random) -> Any:
    return EPOCH + timedelta(seconds=rng.randrange(SPAN_SECONDS))


def _addresses(rng: random.Random, clients: int) -> Iterator[tuple[Any, ...]]:
    for cid in range(1, clients + 1):
        for use in ("registered", "delivery", "correspondence")[:rng.choice([1, 1, 2, 3])]:
            country, city = rng.choice(CITIES)
            when = _when(rng)
            yield (cid, use, f"{rng.choice(STREETS)} {rng.randrange(1, 200)}", city,
                   str(rng.randrange(10000, 99999)), country, True, when, when)


def _bank_accounts(rng: random.Random, clients: int) -> Iterator[tuple[Any, ...]]:
    for cid in range(1, clients + 1):
        if rng.random() < 0.6:
            yield (cid, f"RO{rng.randrange(10, 99)}BTRL{rng.randrange(10**15, 10**16)}",
                   rng.choice(["Banca Transilvania", "BCR", "УниКредит Булбанк", "ДСК"]),
                   rng.choice(["RON", "EUR", "BGN"]), True)


def _tags(rng: random.Random, clients: int) -> Iterator[tuple[Any, ...]]:
    for cid in range(1, clients + 1):
        for tag in rng.sample(range(1, len(TAGS) + 1), rng.choice([0, 0, 1, 2, 3])):
            yield (cid, tag)


def _custom_values(rng: random.Random, clients: int) -> Iterator[tuple[Any, ...]]:
    for cid in range(1, clients + 1):
        if rng.random() < 0.7:
            yield (cid, 1, rng.choice(SECTORS), None, None)
        if rng.random() < 0.5:
            yield (cid, 2, None, float(rng.randrange(1, 500)), None)
        if rng.random() < 0.3:
            yield (cid, 3, None, None, (_when(rng) + timedelta(days=900)).date())


def _audit(rng: random.Random, clients: int, staff: Staff) -> Iterator[tuple[Any, ...]]:
    owners = staff.owners
    for cid in range(1, clients + 1):
        when = _when(rng)
        actor = rng.choice(owners)
        yield (when, "create", "staff", actor, "Ana Pop", "{}", "parties.client", cid)
        for _ in range(rng.choice([0, 1, 2, 4, 8])):
            when += timedelta(days=rng.randrange(1, 60))
            change = {"status": ["prospect", "customer"]} if rng.random() < 0.3 else \
                {"phone": ["+40 700 000 000", f"+40 7{rng.randrange(10**7, 10**8)}"]}
            yield (when, "update", "staff", actor, "Ana Pop", json.dumps(change),
                   "parties.client", cid)


def _contacts(rng: random.Random, clients: int, staff: Staff) -> tuple[
        list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    contacts, methods, links = [], [], []
    first, last = PEOPLE["ro"][0] + PEOPLE["bg"][0], PEOPLE["ro"][1] + PEOPLE["bg"][1]
    contact_id = 0
    for cid in range(1, clients + 1):
        for n in range(rng.choice([0, 1, 1, 2, 3])):
            contact_id += 1
            when = _when(rng)
            contacts.append((contact_id, f"{rng.choice(first)} {rng.choice(last)}",
                             rng.choice(JOB_TITLES), rng.choice(["email", "phone"]),
                             json.dumps(rng.sample(["finance", "purchasing", "management"],
                                                   rng.randrange(0, 3))),
                             when, when, rng.choice(staff.owners), 1))
            methods.append((contact_id, "email", f"person.{contact_id}@example.ro", True))
            if rng.random() < 0.7:
                methods.append((contact_id, "mobile", f"+40 7{rng.randrange(10**7, 10**8)}",
                                False))
            links.append((cid, contact_id, rng.choice(["CFO", "buyer", "управител", None]),
                          n == 0))
    return contacts, methods, links


def load_activities(app: Flask, clients: int, total: int, staff: Staff,
                    heavy: list[int], seed: int = 11) -> int:
    """``total`` activities on clients: ``heavy`` clients get a thousand each, the rest a few."""
    from core.kernel import kontora

    rng = random.Random(seed)
    per_heavy = 1_000
    rest = max(0, total - per_heavy * len(heavy))

    def rows() -> Iterator[tuple[Any, ...]]:
        targets = [cid for cid in heavy for _ in range(per_heavy)]
        targets += rng.choices(range(1, clients + 1), k=rest)
        for cid in targets:
            when = _when(rng)
            done = when < EPOCH + timedelta(seconds=SPAN_SECONDS * 0.95)
            owner = rng.choice(staff.owners)
            yield (rng.choice(["call", "email", "meeting", "other"]),
                   "done" if done else "scheduled",
                   rng.choice(["Ofertă nouă", "Обаждане за поръчка", "Встреча по договору",
                               "Follow-up", "Reclamație livrare"]),
                   when, rng.choice([None, 15, 30, 60]), "parties.client", cid,
                   when if done else None, when, when, owner, owner, 1)

    return bulk_insert(kontora(app).db.engine, "activities_activity",
                       ("type", "status", "subject", "starts_at", "duration_minutes",
                        "record_kind", "record_id", "completed_at", "created_at", "updated_at",
                        "owner_id", "created_by_id", "version"), rows())
