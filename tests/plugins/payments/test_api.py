"""The payments API: record a payment with allocations, read it, allocate its credit, an
invoice's derived status and "mark as paid"; bad input is a 4xx naming the field, and the
default roles decide who may do what."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.kernel import kontora
from tests.core.api.support import bearer
from tests.plugins.invoicing.conftest import make_user
from tests.plugins.payments.conftest import issued_invoice, setup


def _prepare(app: Any) -> dict[str, Any]:
    with app.app_context(), kontora(app).db.unit():
        user, who, client = setup()
        first = issued_invoice(who, client, "100")
        second = issued_invoice(who, client, "10")
        seller = make_user("sam", ["invoicing.read", "parties.read", "payments.read"])
        return {"headers": bearer(user), "read_only": bearer(seller), "party": client.id,
                "first": first.id, "second": second.id}


def test_record_allocate_and_read_status_through_the_api(papp: Any) -> None:
    ids = _prepare(papp)
    api = papp.test_client()
    created = api.post("/api/v1/payments.payment", headers=ids["headers"], json={
        "party_id": ids["party"], "method": "transfer", "amount": "150.00",
        "currency": "RON", "paid_on": "2026-03-05", "reference": "OP 44",
        "allocations": [{"record_id": ids["first"]}]})
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert (body["allocated"], body["unallocated"]) == ("119.00", "31.00")
    payment = body["id"]
    assert api.get(f"/api/v1/payments.payment/{payment}",
                   headers=ids["read_only"]).status_code == 200
    spent = api.post(f"/api/v1/payments.payment/{payment}/allocate", headers=ids["headers"],
                     json={"allocations": [{"record_id": ids["second"], "amount": "5.00"}]})
    assert spent.status_code == 200 and spent.get_json()["unallocated"] == "26.00"
    first = api.get(f"/api/v1/payments.invoice-status/{ids['first']}", headers=ids["headers"])
    second = api.get(f"/api/v1/payments.invoice-status/{ids['second']}",
                     headers=ids["read_only"])
    assert first.get_json()["status"] == "paid"
    assert (second.get_json()["status"], second.get_json()["open"]) == ("partially_paid",
                                                                        "6.90")
    marked = api.post(f"/api/v1/payments.invoice-status/{ids['second']}/mark-paid",
                      headers=ids["headers"])
    assert marked.status_code == 201 and Decimal(marked.get_json()["amount"]) == Decimal("6.90")
    again = api.post(f"/api/v1/payments.invoice-status/{ids['second']}/mark-paid",
                     headers=ids["headers"])
    assert again.status_code == 409


def test_bad_input_names_the_field_and_roles_are_enforced(papp: Any) -> None:
    ids = _prepare(papp)
    api = papp.test_client()
    base = {"party_id": ids["party"], "method": "pos", "amount": "10.00", "currency": "RON",
            "paid_on": "2026-03-05"}
    for change, field in [({}, "reference"), ({"amount": "-1"}, "amount"),
                          ({"method": "barter"}, "method"), ({"currency": "lei"}, "currency"),
                          ({"reference": "T1", "allocations": [{"record_id": 999999}]},
                           "allocations")]:
        answer = api.post("/api/v1/payments.payment", headers=ids["headers"],
                          json={**base, **change})
        assert answer.status_code == 422 and field in answer.get_json()["fields"], change
    refused = api.post("/api/v1/payments.payment", headers=ids["read_only"],
                       json={**base, "reference": "T1"})
    assert refused.status_code == 403
    assert api.post(f"/api/v1/payments.invoice-status/{ids['first']}/mark-paid",
                    headers=ids["read_only"]).status_code == 403
    assert api.get("/api/v1/payments.invoice-status/999999",
                   headers=ids["headers"]).status_code == 404
