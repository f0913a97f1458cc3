"""The contracts API: create, list with filters, get, change, send, PDF, conversion,
verification and protocols, with bad input naming the field, permissions and record rules."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from core.db import session
from core.documents import stored_pdf
from core.identity.models import User
from core.kernel import kontora
from plugins.orders.services import create_order
from tests.core.api.support import bearer
from tests.plugins.contracts.conftest import (
    LINES,
    LINK,
    PNG,
    STAFF,
    as_staff,
    make_client,
    make_offer,
    make_user,
    unit,
)

API = "/api/v1/contracts.contract"
PAPI = "/api/v1/contracts.protocol"
PDF = "/api/v1/documents/contracts.contract"


def _setup(app):
    with app.app_context(), kontora(app).db.unit():
        ann = make_user("ann", STAFF, scope="own", email="ann@firm.test")
        bob = make_user("bob", STAFF, scope="own")
        reader = make_user("reader", ["contracts.read", "parties.read"])
        client = make_client("Acme SRL", ann, email="legal@acme.test")
        other = make_client("Beta SRL", ann)
        return {"party": client.id, "other": other.id, "ann": bearer(ann),
                "bob": bearer(bob), "reader": bearer(reader)}


def _create(api, who, party_id, **extra):
    made = api.post(API, headers=who, json={
        "title": "Supply 2026", "party_id": party_id, "currency": "RON",
        "start_date": "2026-01-01", "end_date": "2026-12-31", "lines": LINES, **extra})
    assert made.status_code == 201, made.get_json()
    return made.get_json()


def test_create_get_change_and_list_with_filters(capp):
    s = _setup(capp)
    api = capp.test_client()
    first = _create(api, s["ann"], s["party"])
    assert first["status"] == "draft" and first["number"] is None
    assert first["value"] == "122.57" and len(first["lines"]) == 2
    second = _create(api, s["ann"], s["other"], title="Beta deal", end_date="2027-06-30")

    got = api.get(f"{API}/{first['id']}", headers=s["ann"])
    assert got.status_code == 200 and got.get_json()["title"] == "Supply 2026"
    assert got.headers["ETag"]

    changed = api.patch(f"{API}/{first['id']}", headers=s["ann"],
                        json={"title": "Supply 2026-2027", "end_date": "2027-01-31"})
    assert changed.status_code == 200
    assert changed.get_json()["title"] == "Supply 2026-2027"
    assert changed.get_json()["end_date"] == "2027-01-31"
    stale = api.patch(f"{API}/{first['id']}", headers={**s["ann"], "If-Match": '"1"'},
                      json={"notes": "late"})
    assert stale.status_code in (409, 412)

    def ids(query):
        answer = api.get(f"{API}{query}", headers=s["ann"])
        assert answer.status_code == 200, answer.get_json()
        return sorted(c["id"] for c in answer.get_json()["items"])
    assert ids("") == sorted([first["id"], second["id"]])
    assert ids(f"?party_id={s['other']}") == [second["id"]]
    assert ids("?status=draft") == sorted([first["id"], second["id"]])
    assert ids("?status=signed") == []


def test_bad_input_answers_422_naming_the_field(capp):
    s = _setup(capp)
    api = capp.test_client()

    def fields_of(answer):
        assert answer.status_code == 422, (answer.status_code, answer.get_json())
        return answer.get_json()["fields"]
    assert "currency" in fields_of(api.post(API, headers=s["ann"], json={
        "title": "X", "party_id": s["party"], "currency": "12"}))
    assert "end_date" in fields_of(api.post(API, headers=s["ann"], json={
        "title": "X", "party_id": s["party"], "currency": "RON",
        "start_date": "2026-05-01", "end_date": "2026-01-01"}))
    assert "party_id" in fields_of(api.post(API, headers=s["ann"], json={
        "title": "X", "party_id": 999999, "currency": "RON"}))
    assert "title" in fields_of(api.post(API, headers=s["ann"], json={
        "party_id": s["party"], "currency": "RON"}))
    assert "lines.0.quantity" in fields_of(api.post(API, headers=s["ann"], json={
        "title": "X", "party_id": s["party"], "currency": "RON",
        "lines": [{**LINES[0], "quantity": "many"}]}))
    assert "value" in fields_of(api.post(API, headers=s["ann"], json={
        "title": "X", "party_id": s["party"], "currency": "RON", "value": "-5"}))
    contract = _create(api, s["ann"], s["party"])
    assert "to" in fields_of(api.post(f"{API}/{contract['id']}/send", headers=s["ann"],
                                      json={"to": "not an address"}))
    expiring = api.get("/api/v1/contracts/expiring?days=abc", headers=s["ann"])
    assert expiring.status_code in (400, 422) and "days" in expiring.get_json()["fields"]
    assert "delivered_on" in fields_of(api.post(PAPI, headers=s["ann"], json={
        "source_kind": "contracts.contract", "source_id": contract["id"]}))
    assert "source_id" in fields_of(api.post(PAPI, headers=s["ann"], json={
        "source_kind": "orders.order", "source_id": 424242, "delivered_on": "2026-03-02"}))
    body = fields_of(api.post("/api/v1/contracts/verify", headers=s["ann"]))
    assert "body" in body


def test_permissions_answer_403(capp):
    s = _setup(capp)
    api = capp.test_client()
    assert api.post(API, headers=s["reader"], json={
        "title": "X", "party_id": s["party"], "currency": "RON"}).status_code == 403
    contract = _create(api, s["ann"], s["party"])
    with capp.app_context(), kontora(capp).db.unit():
        boss = make_user("boss", ["contracts.read", "contracts.write", "parties.read"])
        writer = bearer(boss)
    assert api.post(f"{API}/{contract['id']}/send", headers=writer).status_code == 403
    assert api.post(PAPI, headers=s["reader"], json={
        "source_kind": "contracts.contract", "source_id": contract["id"],
        "delivered_on": "2026-03-02"}).status_code == 403
    assert api.post("/api/v1/contracts/requisites", headers=s["reader"],
                    json={"party_id": s["party"]}).status_code == 403
    assert api.post(f"/api/v1/orders.order/{contract['id']}/convert/contracts.contract",
                    headers=s["reader"]).status_code in (403, 404)
    assert api.get(API).status_code == 401


def test_own_scope_users_see_only_their_own_contracts(capp):
    s = _setup(capp)
    api = capp.test_client()
    mine = _create(api, s["ann"], s["party"])
    assert [c["id"] for c in api.get(API, headers=s["ann"]).get_json()["items"]] == \
        [mine["id"]]
    assert api.get(API, headers=s["bob"]).get_json()["items"] == []
    assert api.get(f"{API}/{mine['id']}", headers=s["bob"]).status_code == 404
    assert api.patch(f"{API}/{mine['id']}", headers=s["bob"],
                     json={"title": "Mine now"}).status_code == 404
    assert api.post(f"{API}/{mine['id']}/send", headers=s["bob"]).status_code == 404
    assert api.get(f"{PDF}/{mine['id']}/pdf", headers=s["bob"]).status_code == 404
    # bob cannot make a contract on ann's client either
    refused = api.post(API, headers=s["bob"], json={
        "title": "X", "party_id": s["party"], "currency": "RON"})
    assert refused.status_code == 422 and "party_id" in refused.get_json()["fields"]
    # the reader holds the "all" scope and sees it
    assert api.get(f"{API}/{mine['id']}", headers=s["reader"]).status_code == 200


def test_send_pdf_sign_verify_and_expiring(capp, smtp_inbox):
    s = _setup(capp)
    api = capp.test_client()
    contract = _create(api, s["ann"], s["party"], end_date=(
        date.today() + timedelta(days=10)).isoformat(), start_date=None)
    cid = contract["id"]
    sent = api.post(f"{API}/{cid}/send", headers=s["ann"], json={"message": "Hello"})
    assert sent.status_code == 200, sent.get_json()
    assert sent.get_json()["status"] == "sent" and sent.get_json()["number"].startswith("CTR-")
    again = api.post(f"{API}/{cid}/send", headers=s["ann"])
    assert again.status_code == 409
    pdf = api.get(f"{PDF}/{cid}/pdf", headers=s["ann"])
    assert pdf.status_code == 200, pdf.get_data(as_text=True) and pdf.data.startswith(b"%PDF")
    assert pdf.mimetype == "application/pdf"

    mail = next(m for m in smtp_inbox.messages if m["To"] == "legal@acme.test")
    token = LINK.search(mail.get_body(("plain",)).get_content()).group(1).rsplit("/", 1)[1]
    sha = unit(capp, lambda: stored_pdf("contracts.contract", cid, "sent-1").sha256)
    bad = api.post(f"/api/v1/contracts/sign/{token}", json={
        "name": "M", "signature": PNG, "consent": False, "shown_sha256": "xyz"})
    assert bad.status_code == 422
    assert {"name", "shown_sha256"} <= set(bad.get_json()["fields"])
    no_consent = api.post(f"/api/v1/contracts/sign/{token}", json={
        "name": "Maria Ionescu", "signature": PNG, "consent": False, "shown_sha256": sha})
    assert no_consent.status_code == 422 and "consent" in no_consent.get_json()["fields"]
    signed = api.post(f"/api/v1/contracts/sign/{token}", json={
        "name": "Maria Ionescu", "signature": PNG, "consent": True, "shown_sha256": sha})
    assert signed.status_code == 200 and signed.get_json()["status"] == "signed"
    assert api.post(f"/api/v1/contracts/sign/{token}", json={
        "name": "Maria Ionescu", "signature": PNG, "consent": True,
        "shown_sha256": sha}).status_code == 410

    sealed = unit(capp, lambda: stored_pdf("contracts.contract", cid, "signed").content)
    report = api.post("/api/v1/contracts/verify", headers={
        **s["ann"], "Content-Type": "application/pdf"}, data=sealed)
    assert report.status_code == 200 and report.get_json()["valid"] is True
    assert report.get_json()["signatures"][0]["signer_name"] == "Maria Ionescu"
    altered = bytearray(sealed)
    altered[len(altered) // 3] ^= 0x01
    broken = api.post("/api/v1/contracts/verify", headers={
        **s["ann"], "Content-Type": "application/pdf"}, data=bytes(altered))
    assert broken.status_code == 200 and broken.get_json()["valid"] is False

    activated = api.post(f"{API}/{cid}/activate", headers=s["ann"])
    assert activated.status_code == 200 and activated.get_json()["status"] == "active"
    soon = api.get("/api/v1/contracts/expiring?days=30", headers=s["ann"]).get_json()
    assert [c["id"] for c in soon["items"]] == [cid]
    assert api.get("/api/v1/contracts/expiring?days=5", headers=s["ann"]) \
        .get_json()["items"] == []
    assert api.get("/api/v1/contracts/expiring?days=30", headers=s["bob"]) \
        .get_json()["items"] == []
    countersigned = api.post(f"{API}/{cid}/countersign", headers=s["ann"])
    assert countersigned.status_code == 201
    assert api.post(f"{API}/{cid}/countersign", headers=s["ann"]).status_code == 409


def test_convert_an_offer_and_an_order_through_the_api(capp):
    s = _setup(capp)
    api = capp.test_client()

    def sources():
        owner = session().scalars(select(User).where(User.login == "ann")).one()
        order = create_order(as_staff(owner), {"party_id": s["party"], "currency": "RON",
                                               "lines": LINES})
        return make_offer(s["party"], owner).id, order.id
    offer_id, order_id = unit(capp, sources)
    made = api.post(f"/api/v1/offers.offer/{offer_id}/convert/contracts.contract",
                    headers=s["ann"])
    assert made.status_code == 201, made.get_json()
    record = made.get_json()["record"]
    assert record["currency"] == "EUR" and record["reference"] == "OF-2025-0042"
    assert record["party_id"] == s["party"] and len(record["lines"]) == 2
    repeat = api.post(f"/api/v1/offers.offer/{offer_id}/convert/contracts.contract",
                      headers=s["ann"])
    assert repeat.status_code == 200 and repeat.get_json()["id"] == made.get_json()["id"]
    from_order = api.post(f"/api/v1/orders.order/{order_id}/convert/contracts.contract",
                          headers=s["ann"])
    assert from_order.status_code == 201
    assert from_order.get_json()["record"]["value"] == "122.57"
    links = api.get(f"{API}/{from_order.get_json()['id']}/links", headers=s["ann"])
    assert links.status_code == 200
    assert {i["kind"] for i in links.get_json()["items"]} >= {"orders.order",
                                                              "contracts.contract"}


def test_protocols_create_change_list_and_send(capp, smtp_inbox):
    s = _setup(capp)
    api = capp.test_client()
    contract = _create(api, s["ann"], s["party"])
    made = api.post(PAPI, headers=s["ann"], json={
        "source_kind": "contracts.contract", "source_id": contract["id"],
        "delivered_on": "2026-03-02", "remarks": "At the back gate."})
    assert made.status_code == 201, made.get_json()
    protocol = made.get_json()
    assert protocol["status"] == "draft" and protocol["party_id"] == s["party"]
    assert [i["description"] for i in protocol["items"]] == ["Steel bolt M8", "Installation"]
    pid = protocol["id"]
    changed = api.patch(f"{PAPI}/{pid}", headers=s["ann"], json={
        "items": [{"description": "Steel bolt M8", "quantity": "10", "unit": "pcs",
                   "remark": "2 short"}]})
    assert changed.status_code == 200 and len(changed.get_json()["items"]) == 1
    bad = api.patch(f"{PAPI}/{pid}", headers=s["ann"], json={
        "delivered_from": "2026-04-01", "delivered_on": "2026-03-02"})
    assert bad.status_code == 422 and "delivered_on" in bad.get_json()["fields"]
    listed = api.get(f"{PAPI}?source_kind=contracts.contract&source_id={contract['id']}",
                     headers=s["ann"])
    assert [p["id"] for p in listed.get_json()["items"]] == [pid]
    assert api.get(f"{PAPI}?source_kind=orders.order", headers=s["ann"]) \
        .get_json()["items"] == []
    assert api.get(f"{PAPI}/{pid}", headers=s["bob"]).status_code == 404
    mistake = api.post(PAPI, headers=s["ann"], json={
        "source_kind": "contracts.contract", "source_id": contract["id"],
        "delivered_on": "2026-03-02"}).get_json()["id"]
    assert api.delete(f"{PAPI}/{mistake}", headers=s["bob"]).status_code == 404
    assert api.delete(f"{PAPI}/{mistake}", headers=s["reader"]).status_code == 403
    assert api.delete(f"{PAPI}/{mistake}", headers=s["ann"]).status_code == 204
    assert api.get(f"{PAPI}/{mistake}", headers=s["ann"]).status_code == 404
    sent = api.post(f"{PAPI}/{pid}/send", headers=s["ann"])
    assert sent.status_code == 200, sent.get_json()
    assert sent.get_json()["status"] == "sent" and sent.get_json()["number"].startswith("PV-")
    assert any(m["To"] == "legal@acme.test" and "Acceptance protocol" in m["Subject"]
               for m in smtp_inbox.messages)
    assert api.patch(f"{PAPI}/{pid}", headers=s["ann"],
                     json={"remarks": "late"}).status_code == 409
    kept = api.delete(f"{PAPI}/{pid}", headers=s["ann"])  # sent: evidence, never deleted
    assert kept.status_code == 409 and "draft" in kept.get_json()["message"]
    pdf = api.get(f"/api/v1/documents/contracts.protocol/{pid}/pdf", headers=s["ann"])
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_the_small_endpoints_answer_as_documented(capp, smtp_inbox):
    """expiring, verify and the requisites request answer the shapes (and refusals) the
    OpenAPI document states: the document is generated from the schemas they dump with."""
    s = _setup(capp)
    api = capp.test_client()
    expiring = api.get("/api/v1/contracts/expiring", headers=s["ann"])
    assert expiring.status_code == 200 and expiring.get_json() == {"items": []}
    for days in ("²", "-1", "3661", " "):  # "²".isdigit() once let int() fail into a 500
        refused = api.get("/api/v1/contracts/expiring", query_string={"days": days},
                          headers=s["ann"])
        assert refused.status_code == 422 and list(refused.get_json()["fields"]) == ["days"]

    garbage = api.post("/api/v1/contracts/verify", data=b"not a PDF", headers={
        **s["ann"], "Content-Type": "application/octet-stream"})
    assert garbage.status_code == 200
    report = garbage.get_json()
    assert report["valid"] is False and report["signatures"] == [] and report["error"]

    sent = api.post("/api/v1/contracts/requisites", headers=s["ann"],
                    json={"party_id": s["party"], "to": "finance@acme.test"})
    assert sent.status_code == 201, sent.get_json()
    body = sent.get_json()
    assert {k: body[k] for k in ("party_id", "email", "status")} == {
        "party_id": s["party"], "email": "finance@acme.test", "status": "pending"}
    assert "to" not in body and isinstance(body["id"], int)
    assert any(m["To"] == "finance@acme.test" for m in smtp_inbox.messages)
    missing = api.post("/api/v1/contracts/requisites", headers=s["ann"], json={})
    assert missing.status_code == 422 and "party_id" in missing.get_json()["fields"]
    # the questionnaire is not answered yet: applying it is a conflict
    assert api.post(f"/api/v1/contracts/requisites/{body['id']}/apply",
                    headers=s["ann"]).status_code == 409


def test_a_clients_answers_are_rejected_and_the_client_stays(capp, smtp_inbox):
    """Rejecting through the API is the page's reject: only an answered questionnaire,
    only with ``contracts.requisites``, and the client keeps its data."""
    from plugins.contracts.models import RequisitesRequest
    from plugins.parties.models import Client

    s = _setup(capp)
    api = capp.test_client()
    sent = api.post("/api/v1/contracts/requisites", headers=s["ann"],
                    json={"party_id": s["party"]}).get_json()
    reject = f"/api/v1/contracts/requisites/{sent['id']}/reject"
    assert api.post(reject, headers=s["ann"]).status_code == 409  # not answered yet

    def answer():
        req = session().get(RequisitesRequest, sent["id"])
        req.status, req.answers = "answered", {"name": "Acme Renamed SRL"}
    unit(capp, answer)
    assert api.post(reject, headers=s["reader"]).status_code == 403
    assert api.post("/api/v1/contracts/requisites/987654/reject",
                    headers=s["ann"]).status_code == 404
    rejected = api.post(reject, headers=s["ann"])
    assert rejected.status_code == 200 and rejected.get_json()["status"] == "rejected"
    assert api.post(reject, headers=s["ann"]).status_code == 409
    assert unit(capp, lambda: session().get(Client, s["party"]).name) == "Acme SRL"


def test_the_reminder_settings_read_and_change_for_configurers_only(capp):
    s = _setup(capp)
    api = capp.test_client()
    url = "/api/v1/contracts/settings"
    assert api.get(url, headers=s["ann"]).get_json() == {"reminder_days": "30,7,1"}
    saved = api.put(url, headers=s["ann"], json={"reminder_days": "7, 60,7"})
    assert saved.status_code == 200 and saved.get_json() == {"reminder_days": "60,7"}
    assert api.get(url, headers=s["ann"]).get_json() == {"reminder_days": "60,7"}
    for body in ({"reminder_days": "soon"}, {}, {"reminder_days": None}):
        bad = api.put(url, headers=s["ann"], json=body)
        assert bad.status_code == 422 and "reminder_days" in bad.get_json()["fields"], body
    assert api.get(url, headers=s["reader"]).status_code == 403
    assert api.put(url, headers=s["reader"], json={"reminder_days": "1"}).status_code == 403
