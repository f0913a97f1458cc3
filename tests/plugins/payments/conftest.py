"""Fixtures for the payments tests: an app with parties, catalog, invoicing and payments,
and issued invoices to pay."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from core.documents.store import seed_templates
from core.kernel import kontora
from core.numbering.series import seed_series
from plugins.invoicing import services as invoicing
from tests.plugins.invoicing.conftest import line, make_client, make_seller, make_user, principal

PLUGINS = "parties,catalog,invoicing,payments"
ACCOUNTANT = ["invoicing.read", "invoicing.write", "invoicing.free_lines", "invoicing.issue",
              "invoicing.send", "parties.read", "payments.read", "payments.write",
              "payments.mark_paid"]


@pytest.fixture
def papp(make_app: Callable[..., Any]) -> Any:
    app = make_app(PLUGINS)
    with app.app_context(), kontora(app).db.unit() as s:
        seed_series(s, kontora(app).collect("kontora_number_series"))
        seed_templates(s)
    return app


@pytest.fixture
def unit(papp: Any) -> Callable[[Callable[[], Any]], Any]:
    def run(fn: Callable[[], Any]) -> Any:
        with papp.app_context(), kontora(papp).db.unit():
            return fn()
    return run


def accountant(login: str = "ana") -> Any:
    return make_user(login, ACCOUNTANT)


def issued_invoice(who: Any, client: Any, price: str = "100", *, quantity: str = "1",
                   vat: str = "19", issued: date | None = None, terms: int = 30,
                   currency: str = "RON") -> Any:
    """An issued invoice of ``quantity`` times ``price`` plus VAT for ``client``."""
    doc = invoicing.create_invoice(who, {
        "party_id": client.id, "currency": currency, "payment_terms_days": terms,
        "lines": [line("Servicii", quantity, price, vat)]})
    day = issued or date.today()
    return invoicing.issue_invoice(who, doc.id, {"issue_date": day.isoformat()})


def setup(kind: str = "legal_entity") -> tuple[Any, Any, Any]:
    """The accountant (user and principal) and a client, with the seller's requisites."""
    user = accountant()
    make_seller()
    return user, principal(user), make_client(kind)


__all__ = ["issued_invoice", "setup", "timedelta"]
