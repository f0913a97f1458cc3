"""Realistic benchmark data: staff in teams, and clients the way a Balkan sales office has them.

Names mix Romanian (with diacritics), Bulgarian and Russian (Cyrillic) company names with
their legal forms, plus private persons; owners are spread unevenly over the sales staff
(a few hold most clients, some clients have none); statuses, kinds and countries follow
plausible shares. Every value is drawn from a seeded generator, so two runs load the same
rows and their figures compare.
"""

# ruff: noqa: RUF001 -- Cyrillic letters that look Latin are the point of these names.
from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from flask import Flask

from core.db.search import folded_values

RO_WORDS = ["Agro", "Construct", "Mobila", "Transport", "Farmacia", "Tehnica", "Brutăria",
            "Cofetăria", "Distribuție", "Logistică", "Construcții", "Grădina", "Ștefănești",
            "Țara Bârsei", "Montana", "Carpați", "Dunărea", "Olt", "Someș", "Mureș", "Criș",
            "Energie", "Instal", "Electro", "Vitrina", "Piața", "Pădurea", "Moara", "Vinăria",
            "Lactate"]
RO_PLACES = ["Brașov", "Iași", "Cluj", "Timișoara", "Constanța", "Craiova", "Galați",
             "Ploiești", "Sibiu", "Bacău", "Suceava", "Târgu Mureș", "Pitești", "Arad"]
RO_FORMS = ["SRL", "S.R.L.", "SA", "S.A.", "PFA", "II", "SNC"]
BG_WORDS = ["Стройинвест", "Агро", "Транс", "Медика", "Черноморие", "Родопи", "Балкан",
            "Техно", "Софийски", "Тракия", "Пирин", "Дунав", "Витоша", "Строй", "Електро",
            "Мебел", "Хляб", "Вино", "Млечни", "Логистик", "Енерджи", "Металик", "Пласт"]
BG_PLACES = ["София", "Пловдив", "Варна", "Бургас", "Русе", "Стара Загора", "Плевен",
             "Велико Търново", "Благоевград", "Шумен"]
BG_FORMS = ["ЕООД", "ООД", "АД", "ЕАД", "ЕТ", "Груп ООД", "Трейд ЕООД"]
RU_WORDS = ["Северный ветер", "Альфа", "Гранит", "Вектор", "Технологии", "Сибирь", "Волга",
            "Урал", "Рассвет", "Меридиан", "Восток", "Кристалл", "Прогресс", "Ладога",
            "Интертрейд", "Молдагро", "Днестр", "Бессарабия"]
RU_FORMS = ["ООО", "АО", "ИП", "ПАО"]
PEOPLE = {  # first names, last names
    "ro": (["Ion", "Maria", "Andrei", "Elena", "Ștefan", "Ioana", "Mihai", "Ana", "Raluca",
            "Bogdan", "Cristina", "Gheorghe"],
           ["Popescu", "Ionescu", "Rădulescu", "Dumitrescu", "Stănescu", "Țurcanu",
            "Munteanu", "Ciobanu", "Nedelcu", "Băluță", "Lupașcu"]),
    "bg": (["Иван", "Мария", "Георги", "Елена", "Димитър", "Петя", "Тодор", "Йордан"],
           ["Петров", "Иванова", "Георгиев", "Димитрова", "Стоянов", "Колева", "Тодоров"]),
    "ru": (["Алексей", "Ольга", "Николай", "Светлана", "Сергей", "Наталья"],
           ["Кузнецов", "Смирнова", "Лебедев", "Попова", "Волков", "Морозова"]),
}
LANGUAGE = {"RO": "ro", "MD": "ro", "DE": "ro", "BG": "bg", "UA": "ru"}
STAFF = [("ana.pop", "Ana Pop"), ("mihai.radu", "Mihai Radu"), ("ivan.petrov", "Иван Петров"),
         ("elena.stoica", "Elena Stoica"), ("georgi.ivanov", "Георги Иванов"),
         ("olga.smirnova", "Ольга Смирнова"), ("radu.marin", "Radu Marin"),
         ("petya.koleva", "Петя Колева"), ("andrei.matei", "Andrei Matei"),
         ("cristina.oprea", "Cristina Oprea"), ("todor.todorov", "Тодор Тодоров"),
         ("maria.luca", "Maria Luca")]
OWNER_WEIGHTS = [20, 16, 12, 10, 9, 8, 7, 6, 5, 4, 2, 1]  # a few hold most clients
NO_OWNER_SHARE = 0.04
TEAMS = {"Sud": ["ana.pop", "mihai.radu", "elena.stoica", "radu.marin"],
         "България": ["ivan.petrov", "georgi.ivanov", "petya.koleva", "todor.todorov"],
         "Nord": ["olga.smirnova", "andrei.matei", "cristina.oprea", "maria.luca"]}
EMAIL_DOMAINS = ["gmail.com", "yahoo.ro", "abv.bg", "mail.ru", "firma.ro", "company.bg",
                 "outlook.com", "mail.md"]

CLIENT_COLUMNS = ("kind", "status", "name", "name_key", "country", "tax_id", "vat_number",
                  "personal_id", "email", "phone", "relationship_type", "loyalty", "size",
                  "vat_check_status", "owner_id", "created_by_id", "updated_by_id",
                  "created_at", "updated_at", "version", "search_text")
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 6 * 365 * 24 * 3600


@dataclass(frozen=True)
class Staff:
    """The benchmark's users: ``ids`` by login, and who signs in for each record scope."""

    ids: dict[str, int]
    admin: int  # parties.* with scope "all"
    own: int  # a salesperson seeing only their own clients (the busiest owner)
    team: int  # a salesperson seeing their team's clients
    session_ids: dict[int, str]

    @property
    def owners(self) -> list[int]:
        return [self.ids[login] for login, _name in STAFF]


def add_staff(app: Flask) -> Staff:
    """Twelve salespeople in three teams, plus roles granting parties.* at each scope."""
    from core.identity.models import Team, User
    from core.identity.users import staff_session_id
    from core.kernel import kontora
    from core.permissions.models import Role, RolePermission

    perms = ["parties.read", "parties.write", "parties.export", "activities.read", "tasks.read"]
    with app.app_context(), kontora(app).db.unit() as s:
        roles = {scope: Role(name=f"bench-{scope}", label=f"Bench {scope}", default_scope=scope,
                             permissions=[RolePermission(permission=p) for p in perms])
                 for scope in ("all", "own", "team")}
        users = {login: User(login=login, name=name) for login, name in STAFF}
        boss = User(login="bench.admin", name="Șef Vânzări")
        boss.roles.append(roles["all"])
        users[STAFF[0][0]].roles.append(roles["own"])
        users[STAFF[1][0]].roles.append(roles["team"])
        for team_name, logins in TEAMS.items():
            team = Team(name=team_name)
            team.members.extend(users[login] for login in logins)
            s.add(team)
        s.add_all([boss, *users.values()])
        s.flush()
        everyone = [boss, *users.values()]
        return Staff(ids={u.login: u.id for u in users.values()}, admin=boss.id,
                     own=users[STAFF[0][0]].id, team=users[STAFF[1][0]].id,
                     session_ids={u.id: staff_session_id(u) for u in everyone})


def principal(app: Flask, user_id: int) -> Any:
    """The principal of ``user_id`` as the services and lists see it."""
    from core.identity.users import principal_for
    from core.kernel import kontora

    with app.app_context(), kontora(app).db.unit():
        return principal_for(user_id)


@lru_cache(maxsize=200_000)
def _name_key(name: str) -> str:
    from plugins.parties.duplicates import name_key

    return name_key(name)


def client_rows(n: int, owners: list[int], seed: int = 20261124) -> Iterator[tuple[Any, ...]]:
    """``n`` clients as tuples in :data:`CLIENT_COLUMNS` order."""
    rng = random.Random(seed)
    kinds = rng.choices(["legal_entity", "sole_trader", "private_person"], [70, 10, 20], k=n)
    statuses = rng.choices(["prospect", "customer"], [62, 38], k=n)
    countries = rng.choices(["RO", "BG", "MD", "UA", "DE"], [58, 27, 9, 4, 2], k=n)
    owner_ids = rng.choices(owners, OWNER_WEIGHTS[:len(owners)], k=n)
    relationship = rng.choices(["customer", "supplier", "partner", "competitor"],
                               [80, 12, 6, 2], k=n)
    for i in range(n):
        kind, country = kinds[i], countries[i]
        name = _person(rng, country) if kind == "private_person" else _company(rng, country)
        legal = kind != "private_person"
        tax_id = str(10_000_000 + i) if legal else None
        owner = None if rng.random() < NO_OWNER_SHARE else owner_ids[i]
        created = EPOCH + timedelta(seconds=rng.randrange(SPAN_SECONDS))
        updated = created + timedelta(seconds=rng.randrange(90 * 24 * 3600))
        customer = statuses[i] == "customer"
        vat = f"{country}{tax_id}" if legal and rng.random() < 0.6 else None
        email = f"office.{i}@{rng.choice(EMAIL_DOMAINS)}" if rng.random() < 0.8 else None
        phone = f"+{rng.choice(['40', '359', '373'])} {rng.randrange(700_000_000, 799_999_999)}"
        yield (
            kind, statuses[i], name, _name_key(name), country, tax_id, vat,
            None if legal else str(1_800_000_000_000 + i), email, phone,
            relationship[i],
            rng.choice(["new", "occasional", "regular", "loyal"]) if customer else None,
            rng.choice(["micro", "small", "medium", "large"]) if legal else None,
            rng.choice(["unchecked", "valid", "valid", "invalid"]) if legal else "unchecked",
            owner, owner, owner, created, updated, 1,
            folded_values((name, tax_id, vat, email, phone)),  # as the ORM writes it
        )


def _company(rng: random.Random, country: str) -> str:
    if country == "BG":
        words, places, form = BG_WORDS, BG_PLACES, rng.choice(BG_FORMS)
        return f"{rng.choice(words)} {rng.choice(places)} {form}"
    if country in ("MD", "UA") and rng.random() < 0.6:
        return f"{rng.choice(RU_FORMS)} «{rng.choice(RU_WORDS)} {rng.choice(RU_WORDS)}»"
    return f"{rng.choice(RO_WORDS)} {rng.choice(RO_WORDS)} {rng.choice(RO_PLACES)} " \
           f"{rng.choice(RO_FORMS)}"


def _person(rng: random.Random, country: str) -> str:
    first, last = PEOPLE[LANGUAGE[country]]
    return f"{rng.choice(first)} {rng.choice(last)}"


def load_clients(app: Flask, n: int, staff: Staff) -> int:
    """``n`` clients, bulk loaded; returns how many."""
    from bench.common import bulk_insert
    from core.kernel import kontora

    return bulk_insert(kontora(app).db.engine, "parties_client", CLIENT_COLUMNS,
                       client_rows(n, staff.owners))


def signed_in(app: Flask, staff: Staff, user_id: int) -> Any:
    """A Flask test client with ``user_id``'s session, as a browser after logging in."""
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["_user_id"] = staff.session_ids[user_id]
        sess["_fresh"] = True
    return client
