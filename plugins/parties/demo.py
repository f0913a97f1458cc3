"""Demo clients for ``kontora demo``: Romanian, Bulgarian, Russian and English.

The companies are invented; their identifiers are made valid by computing the check digits
with python-stdnum, so the demo exercises the same validation real data meets (a test
runs every demo record through the schemas).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum import iban
from stdnum.bg import egn as bg_egn
from stdnum.bg import vat as bg_vat
from stdnum.ro import cnp as ro_cnp
from stdnum.ro import cui as ro_cui
from stdnum.ru import inn as ru_inn
from stdnum.ru import ogrn as ru_ogrn

from plugins.parties.duplicates import name_key
from plugins.parties.models import Address, BankAccount, Client, ClientContact, Contact, Tag
from plugins.parties.models.contact import ContactMethod


def ro_cui_of(stem: str) -> str:
    return stem + ro_cui.calc_check_digit(stem)


def ro_cnp_of(stem: str) -> str:
    return stem + ro_cnp.calc_check_digit(stem)


def bg_eik_of(stem: str) -> str:
    return stem + bg_vat.calc_check_digit_legal(stem)


def bg_egn_of(stem: str) -> str:
    return stem + bg_egn.calc_check_digit(stem)


def ru_inn_of(stem: str) -> str:
    return stem + ru_inn.calc_company_check_digit(stem)


def ru_ogrn_of(stem: str) -> str:
    return stem + ru_ogrn.calc_check_digit(stem + "0")  # stdnum expects a full-length number


def iban_of(country: str, bban: str) -> str:
    return country + iban.calc_check_digits(country + "00" + bban) + bban


def demo_clients() -> list[dict[str, Any]]:
    """Input for ``create_client``: one dict per client, identifiers valid for its country."""
    eik = bg_eik_of("20358174")
    return [
        {
            "kind": "legal_entity", "status": "customer", "name": "Carpați Construct SRL",
            "country": "RO", "tax_id": ro_cui_of("3185472"),
            "vat_number": "RO" + ro_cui_of("3185472"),
            "trade_register_no": "J40/1234/2015", "email": "office@carpati-construct.ro",
            "phone": "+40 21 310 4455", "relationship_type": "customer", "loyalty": "loyal",
            "size": "medium", "tags": ["construction", "key account"],
            "addresses": [
                {"use": "registered", "street": "Str. Fabricii 12", "city": "București",
                 "region": "Sector 6", "postal_code": "060821", "country": "RO"},
                {"use": "delivery", "label": "Depozit Chiajna", "street": "Str. Industriilor 3",
                 "city": "Chiajna", "region": "Ilfov", "postal_code": "077040",
                 "country": "RO"},
            ],
            "bank_accounts": [{"iban": iban_of("RO", "BTRL" + "RONCRT0045671201"),
                               "bank_name": "Banca Transilvania", "currency": "RON"}],
            "contacts": [
                {"name": "Elena Dumitrescu", "job_title": "Director economic",
                 "role": "CFO", "responsibilities": ["finance"],
                 "available_hours": "L-V 9:00-17:00",
                 "methods": [{"channel": "email", "value": "elena.dumitrescu@carpati-construct.ro",
                              "preferred": True},
                             {"channel": "mobile", "value": "+40 722 118 907"}]},
                {"name": "Mihai Stoica", "job_title": "Șef aprovizionare", "role": "Buyer",
                 "responsibilities": ["purchasing", "logistics"], "preferred_channel": "phone",
                 "methods": [{"channel": "phone", "value": "+40 21 310 4460",
                              "preferred": True}]},
            ],
        },
        {
            "kind": "sole_trader", "status": "prospect", "name": "Ionescu Maria PFA",
            "country": "RO", "tax_id": ro_cui_of("4102387"),
            "trade_register_no": "F12/567/2016", "email": "maria.ionescu.pfa@example.ro",
            "relationship_type": "supplier", "size": "micro", "tags": ["design"],
            "addresses": [{"use": "registered", "street": "Str. Memorandumului 8",
                           "city": "Cluj-Napoca", "postal_code": "400114", "country": "RO"}],
        },
        {
            "kind": "private_person", "status": "customer", "name": "Andrei Popescu",
            "country": "RO", "personal_id": ro_cnp_of("185071240123"),
            "email": "andrei.popescu@example.ro", "loyalty": "occasional",
            "addresses": [{"use": "correspondence", "street": "Bd. Independenței 21",
                           "city": "Iași", "postal_code": "700101", "country": "RO"}],
        },
        {
            "kind": "legal_entity", "status": "customer", "name": "Балкан Трейд ЕООД",
            "country": "BG", "tax_id": eik, "vat_number": "BG" + eik,
            "email": "office@balkantrade.example.bg", "phone": "+359 2 981 2040",
            "relationship_type": "partner", "size": "small", "tags": ["distribution"],
            "addresses": [{"use": "registered", "street": "бул. Витоша 45", "city": "София",
                           "postal_code": "1000", "country": "BG"}],
            "bank_accounts": [{"iban": iban_of("BG", "UNCR70001523456789"),
                               "bank_name": "УниКредит Булбанк", "currency": "BGN"}],
            "contacts": [{"name": "Иван Петров", "job_title": "Управител", "role": "Manager",
                          "responsibilities": ["management"],
                          "methods": [{"channel": "email",
                                       "value": "ivan.petrov@balkantrade.example.bg",
                                       "preferred": True}]}],
        },
        {
            "kind": "private_person", "status": "prospect", "name": "Георги Иванов",
            "country": "BG", "personal_id": bg_egn_of("750630412"),
            "phone": "+359 88 765 4321",
        },
        {
            "kind": "legal_entity", "status": "customer", "name": "ООО «Волга Логистик»",  # noqa: RUF001
            "country": "RU", "tax_id": ru_inn_of("770812345"),
            "trade_register_no": ru_ogrn_of("102770012345"),
            "email": "info@volga-logistic.example.ru", "relationship_type": "supplier",
            "size": "large", "tags": ["logistics"],
            "addresses": [{"use": "registered", "street": "ул. Тверская, 7", "city": "Москва",
                           "postal_code": "125009", "country": "RU"}],
            "contacts": [{"name": "Ольга Смирнова", "job_title": "Главный бухгалтер",
                          "role": "Chief accountant", "responsibilities": ["finance"],
                          "methods": [{"channel": "email",
                                       "value": "o.smirnova@volga-logistic.example.ru",
                                       "preferred": True}]}],
        },
        {
            "kind": "legal_entity", "status": "prospect", "name": "Thames Components Ltd",
            "country": "GB", "email": "sales@thames-components.example.co.uk",
            "phone": "+44 20 7946 0321", "relationship_type": "customer", "size": "small",
            "addresses": [{"use": "registered", "street": "14 Riverside Way",
                           "city": "London", "postal_code": "SE1 9PX", "country": "GB"}],
            "bank_accounts": [{"iban": iban_of("GB", "NWBK60161331926819"),
                               "bank_name": "NatWest", "currency": "GBP"}],
            "contacts": [{"name": "James Whitfield", "job_title": "Procurement Manager",
                          "role": "Buyer", "responsibilities": ["purchasing"],
                          "methods": [{"channel": "email",
                                       "value": "j.whitfield@thames-components.example.co.uk",
                                       "preferred": True}]}],
        },
    ]


def add_demo_clients(session: Session) -> None:
    """Add the demo clients (once: a second run finds them by name and adds nothing).

    Written with the models directly: demo loading runs as the system, with no principal
    to check; the values are the validated ones (see the demo-data test).
    """
    from plugins.parties.schemas import ClientSchema, ContactSchema

    existing = set(session.scalars(select(Client.name)))
    tags: dict[str, Tag] = {t.name: t for t in session.scalars(select(Tag))}
    for raw in demo_clients():
        if raw["name"] in existing:
            continue
        contacts = raw.pop("contacts", [])
        values = ClientSchema().load(raw)
        client = Client(
            **{k: v for k, v in values.items()
               if k not in ("tags", "addresses", "bank_accounts", "custom")},
            name_key=name_key(values["name"]))
        for name in values.get("tags", []):
            client.tags.append(tags.setdefault(name, Tag(name=name)))
        for addr in values.get("addresses", []):
            client.addresses.append(Address(**{**addr, "is_default": True}))
        for i, acc in enumerate(values.get("bank_accounts", [])):
            client.bank_accounts.append(BankAccount(**{**acc, "is_default": i == 0}))
        for i, person in enumerate(contacts):
            role = person.pop("role", None)
            data = ContactSchema().load(person)
            methods = [ContactMethod(**m) for m in data.pop("methods")]
            contact = Contact(**data, methods=methods)
            client.contact_links.append(ClientContact(contact=contact, role=role,
                                                      is_primary=i == 0))
        session.add(client)
    session.flush()
