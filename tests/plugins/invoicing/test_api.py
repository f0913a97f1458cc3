"""The invoicing API: drafts with lines, the assigned-services rule, issuing with ETags,
refusals (409, 412, 422 naming the field), credit notes, the UBL XML and exchange rates."""

from __future__ import annotations

from typing import Any

from core.kernel import kontora
from tests.core.api.support import bearer
from tests.plugins.invoicing.conftest import (
    ALL,
    assign,
    line,
    make_client,
    make_product,
    make_seller,
    make_user,
)

BASE = "/api/v1/invoicing.invoice"


def _setup(app: Any) -> tuple[int, int, int, dict[str, str], dict[str, str]]:
    with app.app_context(), kontora(app).db.unit():
        anna = make_user("anna")
        clerk = make_user("clerk", [p for p in ALL if p not in ("invoicing.free_lines",
                                                                  "invoicing.issue")])
        make_seller()
        client = make_client()
        service, other = make_product("AUDIT", "250"), make_product("TRAIN", "80")
        assign(client, service)
        return client.id, service.id, other.id, bearer(anna), bearer(clerk)


def test_draft_lines_issue_credit_and_xml(iapp: Any) -> None:
    party_id, service, other, anna, clerk = _setup(iapp)
    api = iapp.test_client()
    made = api.post(BASE, headers=anna, json={"party_id": party_id, "currency": "RON",
                                              "lines": [line(), line("Licență", "1", "500", "9")]})
    assert made.status_code == 201, made.get_json()
    doc = made.get_json()
    assert doc["status"] == "draft" and doc["number"] is None
    assert (doc["total_net"], doc["total_vat"], doc["total_gross"]) == ("1500.00", "235.00",
                                                                      "1735.00")
    item = f"{BASE}/{doc['id']}"
    added = api.post(f"{item}/lines", headers=clerk, json={"product_id": service,
                                                           "quantity": "2"})
    assert added.status_code == 201 and added.get_json()["total_net"] == "2000.00"
    refused = api.post(f"{item}/lines", headers=clerk, json={"product_id": other,
                                                             "quantity": "1"})
    assert refused.status_code == 422 and "product_id" in refused.get_json()["fields"]
    assert api.post(f"{item}/lines", headers=clerk, json=line()).status_code == 403
    bad = api.post(f"{item}/lines", headers=anna, json={"quantity": "abc"})
    assert bad.status_code == 422 and "quantity" in bad.get_json()["fields"]
    assert api.post(f"{item}/issue", headers=clerk).status_code == 403

    etag = api.get(item, headers=anna).headers["ETag"]
    stale = api.post(f"{item}/issue", headers={**anna, "If-Match": '"999"'})
    assert stale.status_code in (409, 412)
    issued = api.post(f"{item}/issue", headers={**anna, "If-Match": etag},
                      json={"issue_date": "2026-03-02"})
    assert issued.status_code == 200, issued.get_json()
    body = issued.get_json()
    assert body["status"] == "issued" and body["number"].startswith("FCT-")
    assert body["due_date"] == "2026-04-01"
    assert api.patch(item, headers=anna, json={"notes": "x"}).status_code == 409
    assert api.delete(item, headers=anna).status_code == 409
    again = api.post(f"{item}/issue", headers=anna)
    assert again.status_code == 409

    xml = api.get(f"{item}/ubl", headers=anna)
    assert xml.status_code == 200 and xml.mimetype == "application/xml"
    assert body["number"].encode() in xml.data and b"<cbc:InvoiceTypeCode>380" in xml.data

    credit = api.post(f"{item}/credit", headers=anna, json={"reason": "Returned"})
    assert credit.status_code == 201
    note = credit.get_json()
    assert note["total_gross"] == "-2330.00" and note["credit_of_id"] == doc["id"]
    nothing = api.post(f"{item}/credit", headers=anna)
    assert nothing.status_code == 422 and "lines" in nothing.get_json()["fields"]
    listed = api.get(f"{BASE}?status=issued", headers=anna).get_json()
    assert [d["id"] for d in listed["items"]] == [doc["id"]]


def test_bad_input_names_the_field(iapp: Any) -> None:
    party_id, _service, _other, anna, _clerk = _setup(iapp)
    api = iapp.test_client()
    for body, field in (({"party_id": party_id, "currency": "EURO"}, "currency"),
                        ({"party_id": 99999, "currency": "RON"}, "party_id"),
                        ({"party_id": party_id, "currency": "RON", "series": "nope"}, "series"),
                        ({"party_id": party_id, "currency": "RON",
                          "lines": [line(vat_category="E")]}, "lines.0.vat_rate")):
        answer = api.post(BASE, headers=anna, json=body)
        assert answer.status_code == 422, body
        assert field in answer.get_json()["fields"], answer.get_json()
    rate = api.post("/api/v1/invoicing.rates", headers=anna,
                    json={"currency": "EUR", "rate_date": "2026-03-02", "rate": "4.9762"})
    assert rate.status_code == 201 and rate.get_json()["rate"] == "4.976200"
    zero = api.post("/api/v1/invoicing.rates", headers=anna,
                    json={"currency": "EUR", "rate_date": "2026-03-02", "rate": "0"})
    assert zero.status_code == 422 and "rate" in zero.get_json()["fields"]


def test_a_drafts_lines_change_and_go_an_issued_documents_refuse(iapp: Any) -> None:
    party_id, _service, _other, anna, _clerk = _setup(iapp)
    with iapp.app_context(), kontora(iapp).db.unit():
        reader = bearer(make_user("reader", ["invoicing.read", "parties.read"]))
    api = iapp.test_client()
    doc = api.post(BASE, headers=anna, json={"party_id": party_id, "currency": "RON",
                                             "lines": [line(), line("Licență", "1", "500")]})
    item = f"{BASE}/{doc.get_json()['id']}"
    first, second = (entry["id"] for entry in doc.get_json()["lines"])
    changed = api.patch(f"{item}/lines/{first}", headers=anna,
                        json={"quantity": "2", "discount": "10"})
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["total_net"] == "680.00"
    for body, field in (({"quantity": "0"}, "quantity"), ({"discount": "101"}, "discount"),
                        ({"description": "Other"}, "description")):
        bad = api.patch(f"{item}/lines/{first}", headers=anna, json=body)
        assert bad.status_code == 422 and field in bad.get_json()["fields"], bad.get_json()
    assert api.patch(f"{item}/lines/{first}", headers=reader,
                     json={"quantity": "3"}).status_code == 403
    assert api.delete(f"{item}/lines/{first}", headers=reader).status_code == 403
    assert api.delete(f"{item}/lines/987654", headers=anna).status_code == 404
    removed = api.delete(f"{item}/lines/{second}", headers=anna)
    assert removed.status_code == 200 and removed.get_json()["total_net"] == "180.00"

    assert api.post(f"{item}/issue", headers=anna).status_code == 200
    for answer in (api.patch(f"{item}/lines/{first}", headers=anna, json={"quantity": "5"}),
                   api.delete(f"{item}/lines/{first}", headers=anna)):
        assert answer.status_code == 409 and "credit note" in answer.get_json()["message"]
