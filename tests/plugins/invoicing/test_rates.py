"""Exchange rates from the staff page and the API alike: one entered (in the company's
accounting currency unless told), BNR's daily file imported, the latest listed; a bad
field or file is a 422 naming it; entering needs ``invoicing.rates``."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

from core.kernel import kontora
from tests.core.api.support import bearer
from tests.plugins.invoicing.conftest import browser, make_seller, make_user

BNR = b"""<?xml version="1.0" encoding="utf-8"?>
<DataSet xmlns="http://www.bnr.ro/xsd"><Body><Cube date="2026-03-02">
<Rate currency="USD">4.5120</Rate><Rate currency="HUF" multiplier="100">1.2741</Rate>
<Rate currency="XAU">1e999</Rate><Rate>4.1</Rate><Rate currency="EUR">-1</Rate>
</Cube></Body></DataSet>"""
"""Two rates; the last three (out of range, no currency, negative) are skipped."""
READER = ["invoicing.read"]


def _users(app: Any, client: Callable[[Any, Any], Any]) -> tuple[Any, Any]:
    """Rita may enter rates, Rob only read them: each as ``client(app, user)``."""
    with app.app_context(), kontora(app).db.unit():
        make_seller()
        return client(app, make_user("rita")), client(app, make_user("rob", READER))


def test_the_page_enters_a_rate_imports_the_bnr_file_and_lists_them(iapp: Any) -> None:
    web, reader = _users(iapp, browser)
    assert 'href="/invoicing/rates"' in web.get("/invoicing/").get_data(as_text=True)
    bad = web.post(
        "/invoicing/rates", {"currency": "EURO", "rate_date": "2026-03-02", "rate": "-1"}
    )
    assert bad.status_code == 422
    assert 'data-field="currency"' in bad.get_data(as_text=True)
    assert 'id="f-rate-error"' in bad.get_data(as_text=True)
    saved = web.post(
        "/invoicing/rates", {"currency": "eur", "rate_date": "2026-03-02", "rate": "4.9762"}
    )
    assert saved.status_code == 303
    not_xml = web.post(
        "/invoicing/rates/import",
        {"file": (BytesIO(b"no"), "rates.xml")},
        content_type="multipart/form-data",
    )
    assert not_xml.status_code == 422 and 'id="f-file-error"' in not_xml.get_data(as_text=True)
    imported = web.post(
        "/invoicing/rates/import",
        {"file": (BytesIO(BNR), "nbrfxrates.xml")},
        content_type="multipart/form-data",
    )
    assert imported.status_code == 303
    page = web.get("/invoicing/rates").get_data(as_text=True)
    table = page[page.index("data-rates") :]
    assert "4.9762 RON" in table and "4.512 RON" in table and "0.012741 RON" in table
    listed = reader.get("/invoicing/rates").get_data(as_text=True)
    assert "4.9762 RON" in listed and "data-rate-form" not in listed
    assert (
        reader.post(
            "/invoicing/rates", {"currency": "EUR", "rate_date": "2026-03-03", "rate": "5"}
        ).status_code
        == 403
    )


def test_the_api_enters_imports_and_lists_rates(iapp: Any) -> None:
    anna, reader = _users(iapp, lambda _app, user: bearer(user))
    api = iapp.test_client()
    entered = api.post(
        "/api/v1/invoicing.rates",
        headers=anna,
        json={"currency": "EUR", "rate_date": "2026-03-02", "rate": "4.9762"},
    )
    assert entered.status_code == 201 and entered.get_json()["domestic"] == "RON"
    bad = api.post(
        "/api/v1/invoicing.rates/bnr", headers=anna, data=b"<nope", content_type="application/xml"
    )
    assert bad.status_code == 422 and "file" in bad.get_json()["fields"]
    imported = api.post(
        "/api/v1/invoicing.rates/bnr", headers=anna, data=BNR, content_type="application/xml"
    )
    assert imported.status_code == 200 and imported.get_json() == {"imported": 2}
    assert (
        api.post(
            "/api/v1/invoicing.rates/bnr", headers=reader, data=BNR, content_type="application/xml"
        ).status_code
        == 403
    )
    rates = api.get("/api/v1/invoicing.rates", headers=reader).get_json()
    assert {(r["currency"], r["rate"]) for r in rates} == {
        ("EUR", "4.976200"),
        ("USD", "4.512000"),
        ("HUF", "0.012741"),
    }
