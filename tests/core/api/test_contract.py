"""The OpenAPI document of every built-in plugin says what the API answers."""

from __future__ import annotations

import re
from typing import Any

import pytest

from core.api.openapi import api_routes
from core.app import kontora
from core.permissions.catalogue import catalogue
from tests.core.api.support import bearer, make_user


@pytest.fixture
def full(make_app: Any) -> Any:
    """Every built-in plugin, and an admin's token."""
    app = make_app(plugins="builtin")
    k = kontora(app)
    with app.app_context(), k.db.unit():
        admin = make_user("root", [], "all")
        admin.roles[0].grants_all = True
        headers = bearer(admin, sorted(catalogue(app)))
    client = app.test_client()
    spec = client.get("/api/v1/openapi.json").get_json()
    return app, client, headers, spec


def _template(rule: str) -> str:
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule).removeprefix("/api/v1")


def test_every_route_of_every_builtin_plugin_is_documented(full):
    app, _client, _headers, spec = full
    missing = [f"{method} {rule}" for rule, method, _ in api_routes(app)
               if method.lower() not in spec["paths"].get(_template(rule), {})]
    assert not missing, "undocumented: " + ", ".join(missing)


def test_one_url_has_one_path_template(full):
    spec = full[3]
    shapes: dict[str, list[str]] = {}
    for path in spec["paths"]:
        shapes.setdefault(re.sub(r"\{[^}]+\}", "{}", path), []).append(path)
    assert not {shape: paths for shape, paths in shapes.items() if len(paths) > 1}


def test_decimals_are_documented_as_the_strings_they_are_served_as(full):
    schemas = full[3]["components"]["schemas"]
    price = schemas["Product"]["properties"]["price"]
    assert {"type": "number", "minimum": 0, "maximum": 10**12} in price["anyOf"]
    text = next(option for option in price["anyOf"] if option.get("type") == "string")
    assert re.match(text["pattern"], "12.5000") and not re.match(text["pattern"], "twelve")
    total = schemas["Offer"]["properties"]["total_gross"]
    assert total["type"] == "string" and total["format"] == "decimal"


def test_output_fields_that_may_be_empty_are_nullable(full):
    task = full[3]["components"]["schemas"]["Task"]["properties"]
    assert task["completed_at"]["nullable"] is True


def test_public_operations_ask_for_no_credentials(full):
    paths = full[3]["paths"]
    assert paths["/openapi.json"]["get"]["security"] == []
    assert paths["/leads/forms/{key}"]["post"]["security"] == []
    assert paths["/orders/confirm/{token}"]["post"]["security"] == []
    assert paths["/parties.client"]["post"]["security"] != []


def test_creating_links_to_the_operations_on_the_created_record(full):
    paths = full[3]["paths"]
    links = paths["/catalog.product"]["post"]["responses"]["201"]["links"]
    targets = {link["operationId"]: link["parameters"] for link in links.values()}
    get = paths["/catalog.product/{record_id}"]["get"]["operationId"]
    delete = paths["/catalog.product/{record_id}"]["delete"]["operationId"]
    assert targets[get] == targets[delete] == {"record_id": "$response.body#/id"}
    offer_links = paths["/offers.offer"]["post"]["responses"]["201"]["links"]
    send = paths["/offers.offer/{record_id}/send"]["post"]["operationId"]
    assert send in {link["operationId"] for link in offer_links.values()}


@pytest.mark.parametrize(("method", "url"), [
    ("patch", "/api/v1/activities.task/9906241559"),
    ("delete", "/api/v1/activities.task/9906241559"),
    ("get", "/api/v1/offers.offer/2147483648"),
    ("patch", "/api/v1/offers.offer/2147483648"),
    ("delete", "/api/v1/leads.lead/39016894020845424/lines/1272656085613477632"),
    ("put", "/api/v1/documents/templates/18738111049"),
])
def test_an_id_beyond_any_column_is_not_found_whatever_the_method(full, method, url):
    _app, client, headers, _spec = full
    response = getattr(client, method)(url, headers=headers, json={})
    assert response.status_code == 404, response.get_json()
    assert "Allow" not in response.headers


def test_a_yes_no_parameter_refuses_anything_else(full):
    _app, client, headers, _spec = full
    bad = client.get("/api/v1/activities/my-tasks?overdue=-514", headers=headers)
    assert bad.status_code == 422 and "overdue" in bad.get_json()["fields"]
    assert client.get("/api/v1/activities/my-tasks?overdue=1", headers=headers).status_code == 200


def test_alternative_bodies_and_added_fields_are_documented(full):
    spec = full[3]
    report = spec["paths"]["/numbering/series/{code}/report"]["get"]["responses"]["200"]
    assert {"application/json", "text/csv"} <= set(report["content"])
    template = spec["paths"]["/documents/templates/{template_id}"]["get"]["responses"]["200"]
    ref = template["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert "merge_tags" in spec["components"]["schemas"][ref]["properties"]


@pytest.mark.parametrize(("url", "field"), [
    ("/api/v1/catalog.product?limit=%C2%B2", "limit"),  # "²" passes str.isdigit
    ("/api/v1/catalog.product?limit=", "limit"),
    ("/api/v1/mail?cursor=%C2%B2", "cursor"),
    ("/api/v1/links?record_kind=parties.client&record_id=%D9%A1", "record_id"),  # Arabic 1
])
def test_a_number_parameter_takes_ascii_digits_only(full, url, field):
    _app, client, headers, _spec = full
    response = client.get(url, headers=headers)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["fields"]


def test_a_number_too_large_for_any_column_is_refused_naming_it(full):
    _app, client, headers, _spec = full
    response = client.post("/api/v1/catalog.product", headers=headers, json={
        "code": "X", "name": "X", "price": "1", "currency": "EUR", "vat_rate": "19",
        "category_ids": [1, -16587893904078499036795364179968]})
    assert response.status_code == 422, response.get_json()
    assert list(response.get_json()["fields"]) == ["category_ids.1"]


def test_a_create_links_a_code_parameter_to_the_code_it_made(full):
    paths = full[3]["paths"]
    links = paths["/numbering/series"]["post"]["responses"]["201"]["links"]
    change = paths["/numbering/series/{code}"]["patch"]["operationId"]
    assert {"code": "$response.body#/code"} in [
        link["parameters"] for link in links.values() if link["operationId"] == change]
