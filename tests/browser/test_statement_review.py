"""An accountant imports a bank statement in a real browser: one transfer is booked by its
invoice number, and the review screen settles the ambiguous line against the invoice
picked by hand and sets the unknown payer's line aside."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from core.db import session
from core.identity.users import create_user, staff_principal
from core.kernel import kontora
from core.numbering.series import seed_series
from core.permissions import seed_roles
from plugins.parties.models import BankAccount
from plugins.payments import services
from tests.browser.accessibility import checked, sideways_overflow
from tests.browser.conftest import LiveServer
from tests.plugins.invoicing.conftest import make_client, make_seller
from tests.plugins.payments.conftest import PLUGINS, issued_invoice

LOGIN, PASSWORD = "ioana", "a long enough password"
CAMT = Path(__file__).resolve().parents[1] / "fixtures" / "statements" / "camt053_ro.xml"


@pytest.fixture
def payments_server(make_app: Callable[..., Flask]) -> Iterator[LiveServer]:
    app = make_app(plugins=PLUGINS)
    app.config["TESTING"] = False
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join(timeout=10)


def _prepare(app: Flask) -> tuple[dict[str, Any], bytes]:
    with app.app_context(), kontora(app).db.unit() as s:
        seed_roles(s)
        seed_series(s, kontora(app).collect("kontora_number_series"))
        who = staff_principal(create_user(LOGIN, "Ioana Pop", password=PASSWORD,
                                          roles=["admin"]))
        make_seller()
        client = make_client()
        session().add(BankAccount(client_id=client.id, iban="RO66BACX0000001234567890",
                                  currency="RON"))
        first = issued_invoice(who, client, "100")
        second = issued_invoice(who, client, "50")
        third = issued_invoice(who, client, "50")
        text = CAMT.read_text(encoding="utf-8").replace("{FIRST_AMOUNT}", "119.00") \
            .replace("{FIRST_NUMBER}", first.number).replace("{SECOND_AMOUNT}", "59.50")
        return {"who": who, "a": first.id, "b": second.id, "c": third.id,
                "b_number": second.number}, text.encode()


@pytest.mark.parametrize("width", [1280, 375])
def test_review_screen_settles_ambiguous_and_unmatched_lines(
        payments_server: LiveServer, page: Any, tmp_path: Path, width: int) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size({"width": width, "height": 900})
    ids, data = _prepare(payments_server.app)
    statement = tmp_path / "statement.xml"
    statement.write_bytes(data)
    page.goto(payments_server.url("/login"))
    page.fill("input[name=login]", LOGIN)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(payments_server.url("/payments/statements"))
    page.set_input_files("input[name=file]", str(statement))
    page.locator("[data-import]").click()
    expect(page.get_by_text("4 new lines (0 known before): 1 booked, 2 to review.")).to_be_visible()
    ambiguous = page.locator("form[data-state=ambiguous]")
    unmatched = page.locator("form[data-state=unmatched]")
    expect(ambiguous).to_have_count(1)
    expect(unmatched).to_have_count(1)
    expect(ambiguous.locator("option")).to_have_count(2)
    checked(page)
    assert sideways_overflow(page) == 0
    ambiguous.locator("select[data-picker]").select_option(str(ids["b"]))
    ambiguous.locator("[data-settle]").click()
    expect(page.get_by_text("Line settled.")).to_be_visible()
    page.locator("form[data-state=unmatched] [data-ignore]").click()
    expect(page.locator("[data-nothing-to-review]")).to_be_visible()
    page.goto(payments_server.url("/payments/statements"))  # the same file again
    page.set_input_files("input[name=file]", str(statement))
    page.locator("[data-import]").click()
    expect(page.get_by_text("0 new lines (4 known before)")).to_be_visible()
    with payments_server.app.app_context(), kontora(payments_server.app).db.unit():
        states = {k: services.status_of(ids["who"], "invoicing.invoice", ids[k])["status"]
                  for k in ("a", "b", "c")}
    assert states == {"a": "paid", "b": "paid", "c": "unpaid"}
