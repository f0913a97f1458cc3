"""Fixtures for the invoicing tests: an app with parties, catalog and invoicing, the
seller (the company profile), clients of each kind, and the official e-invoice rules
compiled once."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from core.db import session
from core.documents.store import seed_templates
from core.identity.models import User
from core.identity.users import staff_principal
from core.kernel import kontora
from core.numbering.series import seed_series
from core.permissions.models import Role, RolePermission

PLUGINS = "parties,catalog,invoicing"
CONTRACT_PLUGINS = "parties,catalog,activities,contracts,invoicing"
"""With contracts, for billing schedules (invoicing reads them only through the protocol)."""
CONTRACT_NUMBERS = itertools.count(1)
ALL = [
    "invoicing.read",
    "invoicing.write",
    "invoicing.free_lines",
    "invoicing.convert",
    "invoicing.issue",
    "invoicing.credit",
    "invoicing.send",
    "invoicing.rates",
    "parties.read",
    "catalog.read",
]
VALIDATORS = Path("/work/shared/validators")
CIUS_RO = VALIDATORS / "cius-ro" / "ROeFactura-UBL-validation-Invoice_v1.0.9.xslt"


@pytest.fixture
def make_iapp(make_app: Callable[..., Any]) -> Callable[..., Any]:
    """``make_iapp(plugins=PLUGINS, **config)``: an app with its series and templates."""

    def factory(plugins: str = PLUGINS, **config: str) -> Any:
        app = make_app(plugins, **config)
        with app.app_context(), kontora(app).db.unit() as s:
            seed_series(s, kontora(app).collect("kontora_number_series"))
            seed_templates(s)
        return app

    return factory


@pytest.fixture
def iapp(make_iapp: Callable[..., Any]) -> Any:
    return make_iapp()


@pytest.fixture
def unit(iapp: Any) -> Callable[[Callable[[], Any]], Any]:
    def run(fn: Callable[[], Any]) -> Any:
        with iapp.app_context(), kontora(iapp).db.unit():
            return fn()

    return run


def make_user(login: str, permissions: list[str] = ALL) -> User:
    role = Role(
        name=f"role-{login}",
        label=login,
        default_scope="all",
        permissions=[RolePermission(permission=p) for p in permissions],
    )
    user = User(login=login, name=login.title(), email=f"{login}@example.com")
    user.roles.append(role)
    session().add(user)
    session().flush()
    return user


def make_seller() -> None:
    """The seller: the kernel's company profile."""
    from core.company import CompanyProfile

    session().add(
        CompanyProfile(
            id=1,
            name="Furnizor Test SRL",
            details="",
            kind="legal_entity",
            vat_payer=True,
            vat_number="RO18547290",
            tax_id="18547290",
            trade_register_no="J40/1234/2006",
            street="Str. Exemplu 1",
            city="SECTOR1",
            region="RO-B",
            postal_code="010101",
            country="RO",
            currency="RON",
            email="office@furnizor.ro",
            bank_accounts=[
                {
                    "bank": "Banca Test",
                    "iban": "RO49AAAA1B31007593840000",
                    "bic": "",
                    "currency": "RON",
                }
            ],
        )
    )
    session().flush()


def make_client(
    kind: str = "legal_entity", *, country: str = "RO", email: str | None = "client@example.com"
) -> Any:
    from plugins.parties.models import Address, Client

    person = kind == "private_person"
    client = Client(
        kind=kind,
        status="customer",
        name="Ion Popescu" if person else "Client SRL",
        name_key="client",
        country=country,
        relationship_type="customer",
        email=email,
        vat_number=None if person else f"{country}14399840",
        tax_id=None if person else "14399840",
        trade_register_no=None if person else "J12/99/2001",
    )
    client.addresses.append(
        Address(
            use="registered",
            street="Str. Clientului 5",
            city="Cluj-Napoca" if country == "RO" else "Sofia",
            region="RO-CJ" if country == "RO" else None,
            postal_code="400001",
            country=country,
            is_default=True,
        )
    )
    session().add(client)
    session().flush()
    return client


def line(
    description: str = "Consultanță",
    quantity: str = "10",
    price: str = "100",
    vat: str = "19",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "description": description,
        "quantity": quantity,
        "unit": "h",
        "unit_price": price,
        "vat_rate": vat,
        **extra,
    }


def principal(user: User) -> Any:
    return staff_principal(user)


class Rules:
    """The EN 16931 rules (UBL and CII) and CIUS-RO, compiled once with Saxon-HE."""

    def __init__(self) -> None:
        from saxonche import PySaxonProcessor

        sys.path.insert(0, str(VALIDATORS))
        self.proc = PySaxonProcessor(license=False)
        xslt = self.proc.new_xslt30_processor()
        self.base = xslt.compile_stylesheet(
            stylesheet_file=str(VALIDATORS / "en16931" / "ubl" / "EN16931-UBL-validation.xslt")
        )
        self.ro = xslt.compile_stylesheet(stylesheet_file=str(CIUS_RO))
        self.cii = xslt.compile_stylesheet(
            stylesheet_file=str(VALIDATORS / "en16931" / "cii" / "EN16931-CII-validation.xslt")
        )

    def fatal(self, xml: bytes, *, romanian: bool = True) -> list[str]:
        """The fatal findings (``RULE-ID: message``) of UBL ``xml``; warnings are printed."""
        return self._findings(xml, [self.base, self.ro] if romanian else [self.base])

    def fatal_cii(self, xml: bytes) -> list[str]:
        """The fatal findings of CII ``xml`` (CIUS-RO is a UBL profile: not applied)."""
        return self._findings(xml, [self.cii])

    def failed_asserts(self, xml: bytes, *, romanian: bool = True) -> list[str]:
        """Every failed assert of UBL ``xml``, warnings too (``flag RULE-ID: message``):
        what the e-invoice tests expect to be empty, so a warning is listed when one comes."""
        return self._findings(xml, [self.base, self.ro] if romanian else [self.base], flags=None)

    def failed_asserts_cii(self, xml: bytes) -> list[str]:
        return self._findings(xml, [self.cii], flags=None)

    def _findings(
        self, xml: bytes, rule_sets: list[Any], flags: tuple[str, ...] | None = ("fatal", "error")
    ) -> list[str]:
        """The failed asserts flagged ``flags`` (None: all, each prefixed with its flag);
        the others are printed."""
        import xml.etree.ElementTree as ET

        node = self.proc.parse_xml(xml_text=xml.decode("utf-8"))
        found = []
        for rules in rule_sets:
            svrl = rules.transform_to_string(xdm_node=node)
            for elem in ET.fromstring(svrl).iter("{http://purl.oclc.org/dsdl/svrl}failed-assert"):
                flag = elem.get("flag") or "fatal"
                text = elem.find("{http://purl.oclc.org/dsdl/svrl}text")
                message = f"{elem.get('id')}: {' '.join((text.text or '').split())}"
                if flags is None:
                    found.append(f"{flag} {message}")
                elif flag in flags:
                    found.append(message)
                else:
                    print("warning", message)
        return found


@pytest.fixture(scope="session")
def rules() -> Iterator[Rules]:
    yield Rules()


__all__ = ["Decimal"]


def make_product(code: str = "AUDIT", price: str = "250", vat: str = "19") -> Any:
    from plugins.catalog.models import Product

    product = Product(
        code=code,
        name=f"Service {code}",
        kind="service",
        unit="h",
        price=Decimal(price),
        currency="RON",
        vat_rate=Decimal(vat),
    )
    session().add(product)
    session().flush()
    return product


def assign(client: Any, product: Any, price: str | None = None) -> None:
    """Assign a catalogue service to the client, at its own price when given."""
    from plugins.catalog.models import ClientService

    session().add(
        ClientService(
            client_id=client.id, product_id=product.id, price=Decimal(price) if price else None
        )
    )
    session().flush()


def browser(app: Any, user: User) -> Any:
    """A test browser signed in as ``user`` (``post`` adds the CSRF token)."""
    from core.identity.users import staff_session_id
    from tests.core.web.conftest import Browser

    return Browser(app, user.id, staff_session_id(user))


@pytest.fixture
def capp(make_iapp: Any) -> Any:
    return make_iapp(CONTRACT_PLUGINS)


def make_contract(status: str = "active") -> Any:
    from plugins.contracts.models import Contract, ContractLine

    contract = Contract(
        title="Mentenanță",
        status=status,
        party_id=make_client().id,
        currency="RON",
        number=f"CTR-{next(CONTRACT_NUMBERS)}",
    )
    contract.lines.append(
        ContractLine(
            position=0,
            description="Mentenanță site",
            quantity=Decimal(1),
            unit="lună",
            unit_price=Decimal("500"),
            vat_rate=Decimal(19),
            net=Decimal("500.00"),
        )
    )
    session().add(contract)
    session().flush()
    return contract
