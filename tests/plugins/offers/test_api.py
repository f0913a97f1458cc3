"""The REST API: create with lines, read, list with filters, change (a revision once
sent), lines, send, accept, PDF, errors as 4xx."""

from __future__ import annotations

from core.kernel import kontora
from tests.core.api.support import bearer
from tests.plugins.offers.conftest import (
    EVERYTHING,
    make_client,
    make_product,
    make_user,
    seed_series,
)


def setup(app):
    with app.app_context(), kontora(app).db.unit():
        seed_series()
        ann = make_user("ann", EVERYTHING, email="ann@firma.test")
        reader = make_user("reader", ["offers.read"])
        client = make_client("Carpați Construct SRL", ann, email="office@carpati.test")
        product = make_product("SUP", "65.00", kind="service", unit="h")
        return bearer(ann), bearer(reader), client.id, product.id


def test_offer_lifecycle_over_the_api(app):
    headers, reader, client_id, product_id = setup(app)
    api = app.test_client()
    created = api.post("/api/v1/offers.offer", headers=headers, json={
        "title": "Support", "currency": "RON", "party_id": client_id,
        "lines": [{"product_id": product_id, "quantity": "10", "discount": "5"}]})
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    offer_id = body["id"]
    assert body["total_net"] == "617.50" and body["total_gross"] == "734.83"
    assert body["lines"][0]["is_service"] is True and body["status"] == "draft"
    assert created.headers["ETag"]

    bad = api.post("/api/v1/offers.offer", headers=headers,
                   json={"title": "x", "currency": "RON", "party_id": client_id,
                         "lines": [{"quantity": "abc"}]})
    assert bad.status_code == 422 and "lines.0.quantity" in bad.get_json()["fields"]
    assert api.post("/api/v1/offers.offer", headers=reader,
                    json={"title": "x"}).status_code == 403

    line = api.post(f"/api/v1/offers.offer/{offer_id}/lines", headers=headers,
                    json={"description": "Travel", "quantity": "1", "unit_price": "100",
                          "vat_rate": "19"})
    assert line.status_code == 201 and line.get_json()["total_gross"] == "853.83"
    listed = api.get(f"/api/v1/offers.offer?party_id={client_id}&status=draft",
                     headers=reader).get_json()
    assert [o["id"] for o in listed["items"]] == [offer_id]

    sent = api.post(f"/api/v1/offers.offer/{offer_id}/send", headers=headers, json={})
    assert sent.status_code == 200 and sent.get_json()["number"].startswith("OF-")
    assert api.post(f"/api/v1/offers.offer/{offer_id}/send", headers=headers,
                    json={}).status_code == 409
    pdf = api.get(f"/api/v1/offers.offer/{offer_id}/pdf", headers=reader)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")

    revised = api.patch(f"/api/v1/offers.offer/{offer_id}", headers=headers,
                        json={"valid_until": "2099-12-31"})
    assert revised.status_code == 200
    rev = revised.get_json()
    assert rev["id"] != offer_id and rev["revision"] == 2 and rev["status"] == "draft"
    assert api.get(f"/api/v1/offers.offer/{offer_id}", headers=reader).get_json()[
        "superseded"] is True
    api.post(f"/api/v1/offers.offer/{rev['id']}/send", headers=headers, json={})
    accepted = api.post(f"/api/v1/offers.offer/{rev['id']}/accept", headers=headers,
                        json={"comment": "By phone"})
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "accepted"
    assert api.post(f"/api/v1/offers.offer/{rev['id']}/decline", headers=headers,
                    json={}).status_code == 409
    assert api.delete(f"/api/v1/offers.offer/{rev['id']}", headers=headers).status_code == 409
    assert api.get("/api/v1/offers.offer/2147483648", headers=reader).status_code == 404
    assert api.post(f"/api/v1/offers.offer/{offer_id}/accept", headers=headers,
                    data="nope", content_type="text/plain").status_code in (400, 415)


def test_offered_services_for_reports(app):
    from datetime import date, timedelta
    from decimal import Decimal

    headers, _reader, client_id, product_id = setup(app)
    api = app.test_client()

    def offered(**kw):
        today = date.today()
        with app.app_context(), kontora(app).db.unit():
            return kontora(app).collect("kontora_offered_services",
                                        date_from=today - timedelta(days=1),
                                        date_to=today + timedelta(days=1),
                                        owner_id=kw.get("owner_id"))

    ids = []
    for quantity in ("10", "2"):
        ids.append(api.post("/api/v1/offers.offer", headers=headers, json={
            "title": "Support", "currency": "RON", "party_id": client_id,
            "lines": [{"product_id": product_id, "quantity": quantity},
                      {"description": "Travel", "quantity": "1", "unit_price": "5",
                       "vat_rate": "19"}]}).get_json()["id"])
    assert offered() == []                               # drafts were not offered
    for offer_id in ids:
        api.post(f"/api/v1/offers.offer/{offer_id}/send", headers=headers, json={})
    rev = api.patch(f"/api/v1/offers.offer/{ids[1]}", headers=headers,
                    json={"lines": [{"product_id": product_id, "quantity": "3"}]}).get_json()
    api.post(f"/api/v1/offers.offer/{rev['id']}/send", headers=headers, json={})
    (item,) = offered()
    assert item["product_id"] == product_id and item["currency"] == "RON"
    assert item["quantity"] == Decimal("13") and item["net"] == Decimal("845.00")
    assert item["documents"] == 2 and item["description"] == "Product SUP"
    assert offered(owner_id=999999) == []


def test_move_and_duplicate_lines_over_the_api(app):
    headers, reader, client_id, _product = setup(app)
    api = app.test_client()
    offer = api.post("/api/v1/offers.offer", headers=headers, json={
        "title": "Materials", "currency": "RON", "party_id": client_id, "lines": [
            {"description": d, "quantity": "1", "unit_price": p, "vat_rate": "19"}
            for d, p in (("Cement", "10"), ("Sand", "20"))]}).get_json()
    cement, sand = (line["id"] for line in offer["lines"])
    base = f"/api/v1/offers.offer/{offer['id']}/lines"

    moved = api.post(f"{base}/{sand}/move", headers=headers, json={"position": 1})
    assert moved.status_code == 200
    assert [(x["description"], x["position"]) for x in moved.get_json()["lines"]] == \
        [("Sand", 1), ("Cement", 2)]
    bad = api.post(f"{base}/{sand}/move", headers=headers, json={"position": 0})
    assert bad.status_code == 422 and "position" in bad.get_json()["fields"]
    assert api.post(f"{base}/999999/move", headers=headers,
                    json={"position": 1}).status_code == 404
    assert api.post(f"{base}/{sand}/move", headers=reader,
                    json={"position": 2}).status_code == 403

    copied = api.post(f"{base}/{cement}/duplicate", headers=headers)
    body = copied.get_json()
    assert copied.status_code == 201
    assert [x["description"] for x in body["lines"]] == ["Sand", "Cement", "Cement"]
    assert len({x["id"] for x in body["lines"]}) == 3 and body["total_gross"] == "47.60"

    api.post(f"/api/v1/offers.offer/{offer['id']}/send", headers=headers, json={})
    revised = api.post(f"{base}/{cement}/duplicate", headers=headers).get_json()
    assert revised["id"] != offer["id"] and revised["revision"] == 2
    assert [x["description"] for x in revised["lines"]] == ["Sand", "Cement", "Cement",
                                                            "Cement"]
