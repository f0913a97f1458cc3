"""Every list and record the API or UI serves costs the same statements at 1 row as at 50.

For every record kind with an API list (a plugin's new kind is covered the day it gets one),
one row and then fifty are built with the record-rule builders, and the SQL statements of
the API list, the staff HTML list and the API detail are counted: a relation loaded per row
(``N + 1``) makes the count at fifty larger, and the kind's ``load_options`` should load it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from flask import url_for
from sqlalchemy import event

from core.db import session
from core.identity.users import staff_session_id
from core.kernel import kontora
from core.web.generic import registered_cruds
from tests.core.api.support import bearer, make_user
from tests.core.test_record_rules_api import BUILDERS


def _product(_owner_id: int) -> Any:
    from plugins.catalog.models import Product

    number = session().query(Product).count() + 1
    return Product(
        code=f"P-{number}",
        name=f"Product {number}",
        price=Decimal("10"),
        currency="EUR",
        vat_rate=Decimal("19"),
    )


def _carrier(_owner_id: int) -> Any:
    from plugins.shipping.models import Carrier

    return Carrier(name=f"Carrier {session().query(Carrier).count() + 1}")


def _offer_text(_owner_id: int) -> Any:
    from plugins.offers.models import OfferText

    return OfferText(name=f"Text {session().query(OfferText).count() + 1}", body="<p>Hi</p>")


ALL_BUILDERS: dict[str, Callable[[int], Any]] = {
    **BUILDERS,
    "catalog.product": _product,
    "shipping.carrier": _carrier,
    "offers.text": _offer_text,
}

CUSTOM_LISTS = {"parties.client": "parties.clients", "invoicing.invoice": "invoicing.invoice_list",
                "offers.text": "offers.text_list"}
"""Staff lists a plugin draws itself instead of through ``register_crud``."""

NO_HTML_LIST = {"shipping.carrier"}
"""Kinds listed through the API only."""


def _listed_kinds(app: Any) -> set[str]:
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    return {kind.kind for kind in kontora(app).kinds if f"/api/v1/{kind.kind}" in rules}


def test_every_listed_kind_is_counted(app: Any) -> None:
    listed = _listed_kinds(app)
    assert listed == set(ALL_BUILDERS)
    html = set(registered_cruds(app)) | set(CUSTOM_LISTS) | NO_HTML_LIST
    assert listed <= html, f"no staff list known for {sorted(listed - html)}"


@contextmanager
def _counting(app: Any) -> Iterator[list[str]]:
    engine = kontora(app).db.engine
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _html_list_url(app: Any, kind: str) -> str | None:
    crud = registered_cruds(app).get(kind)
    endpoint = crud.endpoint("list") if crud else CUSTOM_LISTS.get(kind)
    if endpoint is None:
        return None
    with app.test_request_context():
        return url_for(endpoint)


def _costs(
    app: Any, kind: str, record_id: int, headers: dict[str, str], browser: Any
) -> dict[str, tuple[int, list[str]]]:
    """Statements per page; each page is fetched once first so per-process caches fill."""
    pages: dict[str, Callable[[], Any]] = {
        "api list": lambda: api.get(f"/api/v1/{kind}?limit=100", headers=headers),
        "api detail": lambda: api.get(f"/api/v1/{kind}/{record_id}", headers=headers),
    }
    html = _html_list_url(app, kind)
    if html is not None:
        pages["html list"] = lambda: browser.get(html)
    api = app.test_client()
    costs = {}
    for name, fetch in pages.items():
        assert fetch().status_code == 200, name
        with _counting(app) as statements:
            assert fetch().status_code == 200, name
        costs[name] = (len(statements), statements)
    return costs


@pytest.mark.parametrize("kind", sorted(ALL_BUILDERS))
def test_statements_do_not_grow_with_rows(app: Any, kind: str) -> None:
    k = kontora(app)
    with app.app_context(), k.db.unit():
        user = make_user("ann", [], scope="all")
        user.roles[0].grants_all = True
        session().flush()
        headers, user_id, session_id = bearer(user), user.id, staff_session_id(user)
        first = ALL_BUILDERS[kind](user_id)
        session().add(first)
        session().flush()
        first_id = first.id
    browser = app.test_client()
    with browser.session_transaction() as sess:
        sess["_user_id"], sess["_fresh"] = session_id, True

    at_one = _costs(app, kind, first_id, headers, browser)
    with app.app_context(), k.db.unit():
        for n in range(49):  # each its own owner: an owner read per row shows too
            owner = make_user(f"owner{n}", [], scope="own")
            session().add(ALL_BUILDERS[kind](owner.id))
            session().flush()
    at_fifty = _costs(app, kind, first_id, headers, browser)

    grown = [
        f"{name}: {at_one[name][0]} -> {at_fifty[name][0]}, most repeated: "
        f"{Counter(at_fifty[name][1]).most_common(1)[0][0][:300]}"
        for name in at_one
        if at_fifty[name][0] != at_one[name][0]
    ]
    assert not grown, "statements at 1 row vs 50 rows:\n" + "\n".join(grown)
