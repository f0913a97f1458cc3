"""A client opens the e-mailed signing link in a real browser, draws a signature on the
signature_pad canvas with the mouse, types a name, consents and signs; the contract becomes
signed and the sealed PDF validates."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from core.db import session
from core.documents import stored_pdf
from plugins.contracts import services
from plugins.contracts.models import Contract, Signature
from plugins.contracts.signing.pades import verify_pdf
from tests.browser.conftest import LiveServer
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.contracts.conftest import (  # noqa: F401  (a fixture)
    LINES,
    STAFF,
    as_staff,
    client_with_requisites,
    make_contracts_app,
    make_user,
    unit,
)


@pytest.fixture
def contracts_server(make_contracts_app: Callable[..., Any],  # noqa: F811
                     smtp_inbox: Inbox) -> Iterator[LiveServer]:  # noqa: F811
    """The contracts plugin and its dependencies served over HTTP in a thread."""
    server = make_server("127.0.0.1", 0, None, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    app = make_contracts_app(KONTORA_SMTP_URL=smtp_inbox.url, KONTORA_BASE_URL=base)
    app.config["TESTING"] = False
    server.app = app
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(app, base)
    server.shutdown()
    thread.join(timeout=10)


def _send(server: LiveServer, inbox: Inbox) -> tuple[int, str]:
    def run():
        ann = make_user("ann", STAFF, email="ann@firm.test")
        client = client_with_requisites(ann)
        contract = services.create_contract(as_staff(ann), {
            "title": "Supply 2026", "party_id": client.id, "currency": "RON",
            "end_date": "2026-12-31", "lines": LINES})
        services.send_contract(as_staff(ann), contract.id, {})
        return contract.id
    contract_id = unit(server.app, run)
    mail = next(m for m in inbox.messages if m["To"] == "legal@acme.test")
    link = re.search(re.escape(server.base) + r"(/l/\S+)",
                     mail.get_body(("plain",)).get_content()).group(1)
    return contract_id, link


def test_client_draws_a_signature_and_signs(contracts_server: LiveServer, page: Any,
                                            smtp_inbox: Inbox) -> None:  # noqa: F811
    from playwright.sync_api import expect

    contract_id, path = _send(contracts_server, smtp_inbox)
    page.goto(contracts_server.url(path))
    expect(page.locator("#sign-form")).to_be_visible()

    canvas = page.locator("#signature-pad")
    canvas.scroll_into_view_if_needed()  # below the PDF: the mouse only reaches the viewport
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + 140)
    page.mouse.down()
    for step in range(1, 25):  # a wavy stroke across the pad
        page.mouse.move(box["x"] + 40 + step * 15, box["y"] + 100 + (40 if step % 2 else -40))
    page.mouse.up()

    page.fill("input[name=name]", "Maria Ionescu")
    page.check("#consent")
    page.get_by_role("button", name="Sign").click()
    expect(page.locator("[data-done]")).to_contain_text("the document is signed")
    expect(page.locator("#sign-form")).to_have_count(0)

    def check():
        assert session().get(Contract, contract_id).status == "signed"
        signature = session().scalars(select(Signature)).one()
        assert signature.signer_name == "Maria Ionescu"
        assert signature.image.startswith(b"\x89PNG") and len(signature.image) > 500
        assert "Chrome" in (signature.user_agent or "")
        return stored_pdf("contracts.contract", contract_id, "signed").content
    content = unit(contracts_server.app, check)

    with contracts_server.app.app_context():  # beside Playwright's running event loop
        report = verify_pdf(content)
    assert report.ok, report
    assert report.signatures[0].signer_name == "Maria Ionescu"
