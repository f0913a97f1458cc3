"""The orders API: creating with lines, transitions (409 and 403), record rules, ETags, the
added statuses and the settings."""

from __future__ import annotations

from core.db import session
from core.kernel import kontora
from plugins.orders.models import Order
from tests.core.api.support import bearer
from tests.plugins.orders.conftest import LINE, SALES, make_client, make_user


def _setup(app):
    with app.app_context(), kontora(app).db.unit():
        ann = make_user("ann", SALES, scope="own")
        bob = make_user("bob", SALES, scope="own")
        clerk = make_user("clerk", ["orders.read", "orders.write", "parties.read"])
        client = make_client("Acme SRL", ann)
        return client.id, bearer(ann), bearer(bob), bearer(clerk)


def test_create_move_and_refuse(oapp):
    party_id, ann, _bob, clerk = _setup(oapp)
    api = oapp.test_client()
    made = api.post("/api/v1/orders.order", headers=ann, json={
        "party_id": party_id, "currency": "RON", "delivery_date": "2030-05-01",
        "lines": [LINE, {**LINE, "vat_rate": "9", "discount": "0"}]})
    assert made.status_code == 201, made.get_json()
    order = made.get_json()
    assert order["status"] == "draft" and order["total_gross"] == "26.65"
    oid = order["id"]

    refused = api.post(f"/api/v1/orders.order/{oid}/start", headers=ann)
    assert refused.status_code == 409
    assert "Start work" in refused.get_json()["message"] and "Draft" in \
        refused.get_json()["message"]
    assert api.post(f"/api/v1/orders.order/{oid}/confirm", headers=clerk).status_code == 403

    line = api.post(f"/api/v1/orders.order/{oid}/lines", headers=ann,
                    json={"description": "Extra", "quantity": "1", "unit_price": "10",
                          "vat_rate": "19"})
    assert line.status_code == 201 and line.get_json()["total_gross"] == "38.55"
    bad = api.post(f"/api/v1/orders.order/{oid}/lines", headers=ann, json={"quantity": "x"})
    assert bad.status_code == 422 and "quantity" in bad.get_json()["fields"]
    extra = line.get_json()["lines"][-1]["id"]
    moved = api.post(f"/api/v1/orders.order/{oid}/lines/{extra}/move", headers=ann,
                     json={"position": 1})
    assert moved.get_json()["lines"][0]["description"] == "Extra"
    assert api.post(f"/api/v1/orders.order/{oid}/lines/{extra}/move", headers=ann,
                    json={}).status_code == 422
    copied = api.post(f"/api/v1/orders.order/{oid}/lines/{extra}/duplicate", headers=ann)
    assert copied.status_code == 201 and copied.get_json()["total_gross"] == "50.45"
    api.delete(f"/api/v1/orders.order/{oid}/lines/{copied.get_json()['lines'][1]['id']}",
               headers=ann)

    stale = api.patch(f"/api/v1/orders.order/{oid}", headers={**ann, "If-Match": '"1"'},
                      json={"notes": "late"})
    assert stale.status_code == 409
    confirmed = api.post(f"/api/v1/orders.order/{oid}/confirm", headers=ann)
    assert confirmed.status_code == 200 and confirmed.get_json()["number"].startswith("CMD-")
    locked = api.post(f"/api/v1/orders.order/{oid}/lines", headers=ann, json=LINE)
    assert locked.status_code == 409
    assert api.post(f"/api/v1/orders.order/{oid}/bogus", headers=ann).status_code == 404


def test_lists_follow_record_rules(oapp):
    party_id, ann, bob, _clerk = _setup(oapp)
    api = oapp.test_client()
    oid = api.post("/api/v1/orders.order", headers=ann, json={
        "party_id": party_id, "currency": "RON"}).get_json()["id"]
    assert [o["id"] for o in api.get("/api/v1/orders.order", headers=ann)
            .get_json()["items"]] == [oid]
    assert api.get("/api/v1/orders.order", headers=bob).get_json()["items"] == []
    assert api.get(f"/api/v1/orders.order/{oid}", headers=bob).status_code == 404
    assert api.post(f"/api/v1/orders.order/{oid}/cancel", headers=bob).status_code == 404
    # bob cannot even use ann's client for an order of his
    assert api.post("/api/v1/orders.order", headers=bob, json={
        "party_id": party_id, "currency": "RON"}).status_code == 422
    assert api.get("/api/v1/orders.order?status=draft", headers=ann).status_code == 200


def test_workflow_and_added_statuses(oapp):
    _party_id, ann, _bob, _clerk = _setup(oapp)
    api = oapp.test_client()
    with oapp.app_context(), kontora(oapp).db.unit():
        root = bearer(make_user("root", ["orders.configure", "orders.read"]))
    assert api.post("/api/v1/orders/statuses", headers=ann, json={
        "code": "packing", "label": "Packing", "after": "in_progress",
        "before": "delivered"}).status_code == 403
    added = api.post("/api/v1/orders/statuses", headers=root, json={
        "code": "packing", "label": "Packing", "after": "in_progress", "before": "delivered"})
    assert added.status_code == 201
    flow = api.get("/api/v1/orders/statuses", headers=ann).get_json()
    codes = [s["code"] for s in flow["statuses"]]
    assert codes.index("in_progress") < codes.index("packing") < codes.index("delivered")
    deliver = next(t for t in flow["transitions"] if t["name"] == "deliver")
    assert "packing" in deliver["from"]


def test_an_added_status_is_removed_once_no_order_is_in_it(oapp):
    party_id, ann, _bob, _clerk = _setup(oapp)
    api = oapp.test_client()
    with oapp.app_context(), kontora(oapp).db.unit():
        root = bearer(make_user("root", ["orders.configure", "orders.read"]))
    status_id = api.post("/api/v1/orders/statuses", headers=root, json={
        "code": "packing", "label": "Packing", "after": "in_progress",
        "before": "delivered"}).get_json()["id"]
    oid = api.post("/api/v1/orders.order", headers=ann, json={
        "party_id": party_id, "currency": "RON"}).get_json()["id"]

    def move(status):
        with oapp.app_context(), kontora(oapp).db.unit():
            session().get(Order, oid).status = status
    move("packing")
    url = f"/api/v1/orders/statuses/{status_id}"
    assert api.delete(url, headers=ann).status_code == 403
    busy = api.delete(url, headers=root)
    assert busy.status_code == 409 and "Packing" in busy.get_json()["message"]
    move("in_progress")
    assert api.delete(url, headers=root).status_code == 204
    assert api.delete(url, headers=root).status_code == 404
    codes = [s["code"] for s in api.get("/api/v1/orders/statuses", headers=ann)
             .get_json()["statuses"]]
    assert "packing" not in codes


def test_the_settings_read_and_change_for_admins_only(oapp):
    _party_id, ann, _bob, _clerk = _setup(oapp)
    api = oapp.test_client()
    with oapp.app_context(), kontora(oapp).db.unit():
        root = bearer(make_user("root", ["orders.configure", "orders.read"]))
    url = "/api/v1/orders/settings"
    assert api.get(url, headers=root).get_json() == {"create_on_acceptance": False,
                                                     "send_on_acceptance": False}
    # sending needs the order to be made first, as on the page
    only_send = api.put(url, headers=root, json={"create_on_acceptance": False,
                                                "send_on_acceptance": True})
    assert only_send.get_json() == {"create_on_acceptance": False, "send_on_acceptance": False}
    both = api.put(url, headers=root, json={"create_on_acceptance": True,
                                           "send_on_acceptance": True})
    assert both.status_code == 200 and both.get_json()["send_on_acceptance"] is True
    for body in ({}, {"create_on_acceptance": "maybe"}, {"create_on_acceptance": None}):
        bad = api.put(url, headers=root, json=body)
        assert bad.status_code == 422 and "create_on_acceptance" in bad.get_json()["fields"]
    assert api.get(url, headers=ann).status_code == 403
    assert api.put(url, headers=ann, json={"create_on_acceptance": False}).status_code == 403
    assert api.get(url, headers=root).get_json()["create_on_acceptance"] is True
