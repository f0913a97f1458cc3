"""The requisites questionnaire: sent by link, answered by the client, applied by staff
through the parties services."""

from __future__ import annotations

import re

from sqlalchemy import select

from core.db import session
from plugins.contracts import services
from plugins.contracts.models import RequisitesRequest
from plugins.parties.models import Client
from tests.plugins.contracts.conftest import (
    STAFF,
    as_staff,
    browser,
    csrf_of,
    make_client,
    make_user,
    unit,
)

LINK = re.compile(r"http://kontora\.test(/l/\S+)")


def test_answers_fill_the_client_once_reviewed(capp, smtp_inbox):
    def send():
        ann = make_user("ann", STAFF)
        client = make_client("Acme", ann, email="office@acme.test")
        services.request_requisites(as_staff(ann), {"party_id": client.id})
        return ann, client.id
    ann, client_id = unit(capp, send)
    mail = next(m for m in smtp_inbox.messages if m["To"] == "office@acme.test")
    path = LINK.search(mail.get_body(("plain",)).get_content()).group(1)
    web = capp.test_client()
    html = web.get(path).get_data(as_text=True)
    assert "Trade register number" in html
    missing = web.post(path, data={"csrf_token": csrf_of(html), "name": "Acme SRL"})
    assert missing.status_code == 422
    done = web.post(path, data={
        "csrf_token": csrf_of(html), "name": "Acme Industries SRL", "tax_id": "18547290",
        "trade_register_no": "J40/1234/2010", "email": "office@acme.test",
        "street": "Str. Lipscani 12", "city": "București", "iban": "RO49AAAA1B31007593840000"})
    assert done.status_code == 200 and "were received" in done.get_data(as_text=True)
    assert web.get(path).status_code == 410
    assert unit(capp, lambda: session().get(Client, client_id).tax_id) is None  # not yet
    staff = browser(capp, ann)
    request_id = unit(capp, lambda: session().scalars(select(RequisitesRequest)).one().id)
    assert staff.post(f"/contracts/requisites/{request_id}/apply").status_code == 303

    def check():
        client = session().get(Client, client_id)
        assert (client.name, client.tax_id, client.trade_register_no) == \
            ("Acme Industries SRL", "18547290", "J40/1234/2010")
        assert client.default_address("registered").street == "Str. Lipscani 12"
        assert client.bank_accounts[0].iban == "RO49AAAA1B31007593840000"
    unit(capp, check)
