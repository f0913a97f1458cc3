"""Schemas of the OpenAPI document have short names, unique across plugins, with no warning."""

from __future__ import annotations

import warnings

from marshmallow import Schema, fields

from core.api.openapi import openapi_document
from core.api.schema_names import qualified_name, shorten


def test_every_builtin_plugin_builds_the_document_without_a_warning(app):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # apispec warns on two schemas of one name
        document = openapi_document(app)
    names = document["components"]["schemas"]
    assert {"OffersLine", "OrdersLine", "InvoicingLine", "Client", "Error"} <= set(names)
    assert not any("." in name for name in names)


def test_every_reference_names_a_schema_of_the_document(app):
    document = openapi_document(app)
    names = set(document["components"]["schemas"])
    dangling = set()

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.rsplit("/", 1)[1] not in names:
                dangling.add(ref)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(document)
    assert not dangling


def _schema(module: str, name: str) -> type[Schema]:
    cls = type(name, (Schema,), {"note": fields.String()})
    cls.__module__ = module
    return cls


def test_a_name_two_plugins_use_is_prefixed_with_each_plugin():
    keys = [qualified_name(_schema("plugins.offers.schemas", "LineSchema")),
            qualified_name(_schema("plugins.orders.schemas", "LineSchema")),
            qualified_name(_schema("plugins.offers.schemas", "OfferSchema")), "Error"]
    document = shorten({"components": {"schemas": {key: {} for key in keys}},
                        "paths": {"/x": {"get": {"responses": {"200": {"content": {
                            "application/json": {"schema": {
                                "$ref": f"#/components/schemas/{keys[1]}"}}}}}}}}})
    assert sorted(document["components"]["schemas"]) == [
        "Error", "Offer", "OffersLine", "OrdersLine"]
    ref = document["paths"]["/x"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ref["schema"]["$ref"] == "#/components/schemas/OrdersLine"


def test_one_plugin_using_a_name_twice_falls_back_to_the_module_path():
    keys = [qualified_name(_schema("plugins.leads.schemas", "MoveSchema")),
            qualified_name(_schema("plugins.leads.mailbox.schemas", "MoveSchema")),
            qualified_name(_schema("core.mail.api", "ErrorSchema")), "Error"]
    names = sorted(shorten({"components": {"schemas": {k: {} for k in keys}}})
                   ["components"]["schemas"])
    assert names == ["Error", "MailError", "PluginsLeadsMailboxSchemasMove",
                     "PluginsLeadsSchemasMove"]

