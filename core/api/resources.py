"""Generic REST resources from a declaration: list, get, create, update and delete a kind.

A plugin's ``api.py`` writes::

    bp = api_blueprint("offers_api", __name__)
    register_resource(bp, kind="offers.offer", schema=OfferSchema)

and gets, under ``/api/v1/offers.offer``: ``GET`` (a page: ``limit``, ``cursor``, ``sort``,
``q`` and one parameter per filter, ``amount__gte=10``), ``POST``, and on ``/<id>``: ``GET``,
``PATCH``, ``PUT`` and ``DELETE``. Every call goes through the generic record services and
the listing, so permissions, record rules, validation, audit and signals hold as on the web.
Versioned records carry an ``ETag``; ``If-Match`` turns a stale update into 409.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Blueprint, Response, jsonify, request
from marshmallow import Schema, fields

from core.api.blueprint import RECORD_ID, api_principal, is_whole_number, json_body
from core.api.errors import flatten_messages
from core.api.etag import expected_version, not_modified, with_etag
from core.api.openapi import IF_MATCH, operation
from core.errors import ValidationError
from core.i18n import gettext as _
from core.listing import DEFAULT_LIMIT, LOOKUPS, MAX_LIMIT, list_records
from core.services import create_record, delete_record, get_record, update_record

ACTIONS = ("list", "get", "create", "update", "delete")
LIST_PARAMS = ("limit", "cursor", "sort", "q")


def register_resource(bp: Blueprint, *, kind: str, schema: type[Schema],
                      path: str | None = None, actions: Iterable[str] = ACTIONS,
                      tag: str | None = None, filters: Iterable[str] = ()) -> None:
    """Add the REST endpoints of record ``kind`` to ``bp``.

    ``schema`` serialises records (and documents the body); ``path`` defaults to
    ``/<kind>``; ``actions`` picks a subset of list/get/create/update/delete; ``filters``
    names the filter parameters to document (what may be filtered is the kind's to say).
    """
    actions = set(actions)
    unknown = actions - set(ACTIONS)
    if unknown:
        raise ValueError(f"unknown resource actions: {', '.join(sorted(unknown))}")
    base = path or f"/{kind}"
    name = kind.replace(".", "_")
    tags = [tag or kind]
    label = kind
    page_schema = Schema.from_dict(
        {"items": fields.List(fields.Nested(schema), required=True),
         "next_cursor": fields.String(allow_none=True, required=True)},
        name=f"{schema.__name__.removesuffix('Schema')}Page",
    )
    page_schema.__module__ = schema.__module__  # named beside its items' schema
    id_errors = (404,)
    write_errors = (404, 409, 412)

    if "list" in actions:
        @operation("GET", summary=f"List {label} records", tags=tags,
                   parameters=_list_parameters(filters), responses={200: page_schema},
                   errors=(422,))
        def list_view() -> Response:
            params = request.args.to_dict(flat=True)
            page = list_records(api_principal(), kind,
                                filters={k: v for k, v in params.items()
                                         if k not in LIST_PARAMS},
                                search=params.get("q"), sort=params.get("sort") or None,
                                cursor=params.get("cursor") or None,
                                limit=_limit(params.get("limit")), eager=True)
            return jsonify(items=schema(many=True).dump(page.items),
                           next_cursor=page.next_cursor)

        bp.add_url_rule(base, f"{name}_list", list_view, methods=["GET"])

    if "create" in actions:
        @operation("POST", summary=f"Create a {label} record", tags=tags, request=schema,
                   responses={201: schema})
        def create_view() -> Response:
            record = create_record(api_principal(), kind, json_body())
            response = with_etag(jsonify(schema().dump(record)), record)
            response.status_code = 201
            return response

        bp.add_url_rule(base, f"{name}_create", create_view, methods=["POST"])

    item = f"{base}/<{RECORD_ID}:record_id>"
    if "get" in actions:
        @operation("GET", summary=f"Read a {label} record", tags=tags,
                   responses={200: schema, 304: "Not modified (If-None-Match)."},
                   errors=id_errors)
        def get_view(record_id: int) -> Response:
            record = get_record(api_principal(), kind, record_id, eager=True)
            if not_modified(record):
                return with_etag(Response(status=304), record)
            return with_etag(jsonify(schema().dump(record)), record)

        bp.add_url_rule(item, f"{name}_get", get_view, methods=["GET"])

    if "update" in actions:
        @operation("PUT", summary=f"Replace a {label} record", tags=tags, request=schema,
                   responses={200: schema}, errors=write_errors,
                   parameters=[IF_MATCH])
        @operation("PATCH", summary=f"Change some fields of a {label} record", tags=tags,
                   request=schema, responses={200: schema}, errors=write_errors,
                   parameters=[IF_MATCH])
        def update_view(record_id: int) -> Response:
            principal = api_principal()  # 401 before any word about the body
            data = json_body()
            if request.method == "PUT":
                _check_complete(schema, data)
            record = update_record(principal, kind, record_id, data,
                                   expected_version=expected_version())
            return with_etag(jsonify(schema().dump(record)), record)

        bp.add_url_rule(item, f"{name}_update", update_view, methods=["PATCH", "PUT"])

    if "delete" in actions:
        @operation("DELETE", summary=f"Delete a {label} record", tags=tags,
                   responses={204: None}, errors=write_errors, parameters=[IF_MATCH])
        def delete_view(record_id: int) -> Response:
            delete_record(api_principal(), kind, record_id, expected_version=expected_version())
            return Response(status=204)

        bp.add_url_rule(item, f"{name}_delete", delete_view, methods=["DELETE"])


def _limit(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    if not is_whole_number(raw) or not 1 <= int(raw) <= MAX_LIMIT:
        raise ValidationError(_("Invalid page size."), fields={"limit": [
            _("Give a whole number from 1 to %(max)s.", max=MAX_LIMIT)]})
    return int(raw)


def _check_complete(schema: type[Schema], data: dict[str, Any]) -> None:
    """PUT replaces the record: every required field must be present."""
    errors = schema().validate(data, partial=False)
    if errors:

        raise ValidationError(_("The input is not valid."), fields=flatten_messages(errors))


def _list_parameters(filters: Iterable[str]) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                     "maximum": MAX_LIMIT, "default": 50}},
        {"name": "cursor", "in": "query", "schema": {"type": "string"},
         "description": "The `next_cursor` of the previous page."},
        {"name": "sort", "in": "query", "schema": {"type": "string"},
         "description": "A column name, `-` first for descending (`-created_at`)."},
        {"name": "q", "in": "query", "schema": {"type": "string"},
         "description": "Search words, each matched in any searchable text column."},
    ]
    for name in filters:
        params.append({"name": name, "in": "query", "schema": {"type": "string"},
                       "description": f"Filter; also `{name}__<op>` with op one of "
                                      f"{', '.join(LOOKUPS)}."})
    return params
