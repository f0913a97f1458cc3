"""The client profile's "Invoices" section: the newest invoices and credit notes, and the
balance per currency of every issued one (drafts and proformas owe nothing), counted in the
database beyond the rows listed."""

from __future__ import annotations

import re
from typing import Any

from core.db import session
from core.kernel import kontora
from plugins.invoicing import services
from plugins.invoicing.models import Invoice
from plugins.invoicing.receivables import SECTION_ROWS
from tests.plugins.invoicing.conftest import (
    ALL,
    browser,
    line,
    make_client,
    make_seller,
    make_user,
    principal,
)


def test_the_client_page_shows_its_invoices_and_the_balance_of_all(iapp: Any) -> None:
    with iapp.app_context(), kontora(iapp).db.unit():
        user = make_user("anna", [*ALL, "parties.write"])
        who = principal(user)
        make_seller()
        client = make_client()
        body = {"party_id": client.id, "currency": "RON", "lines": [line("Audit", "1", "100")]}
        oldest = services.create_invoice(who, body)  # 119.00, partly paid below
        services.issue_invoice(who, oldest.id)
        services.credit_invoice(
            who, oldest.id, {"lines": [{"line_id": oldest.lines[0].id, "quantity": "0.5"}]}
        )  # a draft: owes nothing
        euro = services.create_invoice(who, {**body, "currency": "EUR"})
        services.set_rate(who, {"currency": "EUR", "rate_date": "2026-03-02", "rate": "5"})
        services.issue_invoice(who, euro.id, {"issue_date": "2026-03-02"})
        proforma = services.create_invoice(who, {**body, "doc_type": "proforma"})
        services.issue_invoice(who, proforma.id)
        for _n in range(SECTION_ROWS):  # newer drafts push the issued ones off the list
            services.create_invoice(who, body)
        session().get(Invoice, oldest.id).paid_amount = 19
        web, client_id = browser(iapp, user), client.id
    page = web.get(f"/clients/{client_id}").get_data(as_text=True)
    section = page[page.index("data-invoicing-section") :]
    section = section[: section.index("</div>")]
    assert len(re.findall(r'href="/invoicing/\d+"', section)) == SECTION_ROWS
    balance = re.search(r"data-balance>([^<]*)<", section).group(1)
    # RON 119 less 19 paid (the draft credit note and the proforma owe nothing), EUR 119
    assert balance.split() == ["Balance:", "€119.00,", "RON100.00"]
