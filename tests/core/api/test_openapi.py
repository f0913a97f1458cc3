"""The OpenAPI document lists every /api/v1 route, and the docs page serves it."""

from __future__ import annotations

import re

from core.api.openapi import api_routes


def test_every_api_route_is_documented(api):
    spec = api.client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    routes = api_routes(api.app)
    assert any(rule.startswith("/api/v1/sample.note") for rule, _, _ in routes)
    missing = []
    for rule, method, endpoint in routes:
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule).removeprefix("/api/v1")
        if method.lower() not in spec["paths"].get(path, {}):
            missing.append(f"{method} {rule} ({endpoint})")
    assert not missing, "undocumented API routes: " + ", ".join(missing)


def test_the_document_is_valid_openapi_3(api):
    from openapi_spec_validator import validate

    validate(api.client.get("/api/v1/openapi.json").get_json())


def test_operations_describe_bodies_parameters_and_errors(api):
    spec = api.client.get("/api/v1/openapi.json").get_json()
    create = spec["paths"]["/sample.note"]["post"]
    body = create["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Note"}
    assert "title" in spec["components"]["schemas"]["Note"]["required"]
    assert {"201", "401", "403", "415", "422"} <= set(create["responses"])
    listing = spec["paths"]["/sample.note"]["get"]
    assert {"limit", "cursor", "sort", "q", "title"} <= {p["name"] for p in listing["parameters"]}
    item = spec["paths"]["/sample.note/{record_id}"]
    assert {"get", "patch", "put", "delete"} <= set(item)
    assert item["get"]["parameters"][0] == {"name": "record_id", "in": "path",
                                            "required": True,
                                            "schema": {"type": "integer", "minimum": 0,
                                                       "maximum": 2147483647}}
    assert "409" in item["patch"]["responses"]
    assert "bearerAuth" in spec["components"]["securitySchemes"]


def test_a_disabled_plugins_routes_leave_the_document(make_app):
    app = make_app(plugins="convtarget")
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    assert not any(p.startswith("/sample.note") for p in spec["paths"])
    assert "/{kind}/{record_id}/convert/{target}" in spec["paths"]


def test_interactive_docs_page_uses_vendored_swagger_ui(api):
    page = api.client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    scripts = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in s for s in scripts)
    assert 'data-spec-url="/api/v1/openapi.json"' in html
    for url in scripts:
        asset = api.client.get(url)
        assert asset.status_code == 200, url
        asset.close()
