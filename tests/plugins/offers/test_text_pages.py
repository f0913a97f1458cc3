"""Offer texts over the web and the API: admins list, add, edit and archive them, a
salesperson sees the pick list in the offer form but not the admin pages, and a refused
save names the field."""

from __future__ import annotations

from sqlalchemy import select

from core.db import session
from core.kernel import kontora
from plugins.offers.models import Offer, OfferText
from tests.core.api.support import bearer
from tests.core.web.conftest import sign_in  # noqa: F401  (a fixture)
from tests.plugins.offers.conftest import EVERYTHING, make_client, make_user, seed_series

ADMIN = [*EVERYTHING, "offers.configure"]


def setup(app):
    with app.app_context(), kontora(app).db.unit():
        seed_series()
        return make_client("Carpați Construct SRL", email="office@carpati.test").id


def text_form(**extra):
    return {"name": "Standard", "body": "<p>Dear {{ client.name }}</p>", "intro": "",
            "terms": "", "active": ["false", "true"], "is_default": ["false", "true"],
            **extra}


def test_admin_keeps_texts_and_a_salesperson_picks_one(app, sign_in):  # noqa: F811
    client_id = setup(app)
    boss = sign_in("boss", ADMIN)
    assert "No offer texts yet." in boss.get("/offers/texts").get_data(True)
    assert boss.get("/offers/texts/new").status_code == 200
    saved = boss.post("/offers/texts/new", data=text_form())
    assert saved.status_code == 303
    short = boss.post("/offers/texts/new", data=text_form(name="Short", body="<p>Short.</p>",
                                                           is_default="false"))
    assert short.status_code == 303
    broken = boss.post("/offers/texts/new", data=text_form(name="Broken", body="{{ x "))
    assert broken.status_code == 422
    assert 'data-field="body"' in broken.get_data(True) and "is-invalid" in broken.get_data(True)
    with app.app_context(), kontora(app).db.unit():
        rows = {t.name: t.id for t in session().scalars(select(OfferText))}
    listing = boss.get("/offers/texts").get_data(True)
    assert "Standard" in listing and "Short" in listing and "Default" in listing

    edited = boss.post(f"/offers/texts/{rows['Short']}",
                       data=text_form(name="Short", body="<p>Brief, {{ client.name }}.</p>",
                                      is_default="false"))
    assert edited.status_code == 303

    ann = sign_in("ann", EVERYTHING)
    assert ann.get("/offers/texts").status_code == 403
    assert ann.post("/offers/texts/new", data=text_form(name="Mine")).status_code == 403
    compose = ann.get("/offers/compose").get_data(True)
    assert f'<option value="{rows["Standard"]}" selected>Standard</option>' in compose
    made = ann.post("/offers/compose", data={
        "title": "Brief", "format": "table", "language": "en", "currency": "RON",
        "party_id": str(client_id), "text_id": str(rows["Short"])})
    assert made.status_code == 302, made.get_data(True)
    offer_id = int(made.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    assert "<dd data-offer-text>Short</dd>" in ann.get(f"/offers/{offer_id}").get_data(True)
    preview = ann.get(f"/documents/offers.offer/{offer_id}/html").get_data(True)
    assert "Brief, Carpați Construct SRL." in preview

    assert boss.post(f"/offers/texts/{rows['Short']}/archive").status_code == 303
    assert boss.post(f"/offers/texts/{rows['Standard']}/archive").status_code == 303
    with app.app_context(), kontora(app).db.unit():
        states = {t.name: t.active for t in session().scalars(select(OfferText))}
        assert session().get(Offer, offer_id).text_id == rows["Short"]
    assert states == {"Standard": True, "Short": False}     # the default stays
    change = ann.get(f"/offers/{offer_id}/change").get_data(True)
    assert "Short (archived)" in change
    refused = ann.post("/offers/compose", data={
        "title": "Brief", "format": "table", "language": "en", "currency": "RON",
        "party_id": str(client_id), "text_id": str(rows["Short"])})
    assert refused.status_code == 422 and 'data-field="text_id"' in refused.get_data(True)


def test_texts_over_the_api(app):
    client_id = setup(app)
    with app.app_context(), kontora(app).db.unit():
        boss = bearer(make_user("boss", ADMIN))
        ann = bearer(make_user("ann", EVERYTHING))
    api = app.test_client()
    created = api.post("/api/v1/offers.text", headers=boss, json={
        "name": "Standard", "body": "<p>Hello {{ client.name }}</p>", "is_default": True})
    assert created.status_code == 201, created.get_json()
    standard = created.get_json()
    assert standard["is_default"] is True and standard["active"] is True
    short = api.post("/api/v1/offers.text", headers=boss,
                     json={"name": "Short", "body": "<p>Short one.</p>"}).get_json()
    broken = api.post("/api/v1/offers.text", headers=boss,
                      json={"name": "Broken", "body": "{% if %}"})
    assert broken.status_code == 422 and "body" in broken.get_json()["fields"]
    taken = api.post("/api/v1/offers.text", headers=boss, json={"name": "Short", "body": ""})
    assert taken.status_code == 422 and "name" in taken.get_json()["fields"]
    changed = api.patch(f"/api/v1/offers.text/{short['id']}", headers=boss,
                        json={"terms": "Net 15."})
    assert changed.status_code == 200 and changed.get_json()["terms"] == "Net 15."

    listed = api.get("/api/v1/offers.text?active=true", headers=ann)
    assert listed.status_code == 200
    assert {row["name"] for row in listed.get_json()["items"]} == {"Standard", "Short"}
    assert api.post("/api/v1/offers.text", headers=ann,
                    json={"name": "Mine", "body": ""}).status_code == 403
    assert api.patch(f"/api/v1/offers.text/{short['id']}", headers=ann,
                     json={"name": "Mine"}).status_code == 403

    offer = api.post("/api/v1/offers.offer", headers=ann, json={
        "title": "Support", "currency": "RON", "party_id": client_id}).get_json()
    assert offer["text_id"] == standard["id"]
    picked = api.patch(f"/api/v1/offers.offer/{offer['id']}", headers=ann,
                       json={"text_id": short["id"]})
    assert picked.status_code == 200 and picked.get_json()["text_id"] == short["id"]

    assert api.post(f"/api/v1/offers.text/{standard['id']}/archive",
                    headers=boss).status_code == 409
    archived = api.post(f"/api/v1/offers.text/{short['id']}/archive", headers=boss)
    assert archived.status_code == 200 and archived.get_json()["active"] is False
    refused = api.post("/api/v1/offers.offer", headers=ann, json={
        "title": "Support", "currency": "RON", "party_id": client_id, "text_id": short["id"]})
    assert refused.status_code == 422 and "text_id" in refused.get_json()["fields"]
    assert api.post("/api/v1/offers.text/999999/archive", headers=boss).status_code == 404

    assert api.delete(f"/api/v1/offers.text/{short['id']}", headers=boss).status_code == 409
    spare = api.post("/api/v1/offers.text", headers=boss,
                     json={"name": "Spare", "body": ""}).get_json()
    assert api.delete(f"/api/v1/offers.text/{spare['id']}", headers=ann).status_code == 403
    assert api.delete(f"/api/v1/offers.text/{spare['id']}", headers=boss).status_code == 204
    assert api.get(f"/api/v1/offers.text/{spare['id']}", headers=ann).status_code == 404
