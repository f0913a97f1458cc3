"""The OpenAPI 3 document of ``/api/v1``, built with apispec from every API route.

A view documents itself with :func:`operation`; :func:`register_resource` does it for the
views it generates. Routes are read from the app's URL map, so the document lists exactly
what is mounted: a disabled plugin's endpoints vanish from it, and a route nobody
documented is absent, which the test suite treats as a failure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema, fields

from core import __version__
from core.api import schema_names
from core.api.blueprint import MAX_RECORD_ID, RECORD_ID

API_PREFIX = "/api/v1"
_ATTR = "__kontora_openapi__"
_EXTENSION = "kontora.openapi"
_CONVERTERS = {"int": {"type": "integer", "minimum": 0}, "float": {"type": "number"},
               "uuid": {"type": "string", "format": "uuid"},
               RECORD_ID: {"type": "integer", "minimum": 0, "maximum": MAX_RECORD_ID}}
# A decimal travels as a string ("12.50") so no client rounds it through a float; a JSON
# number is accepted on input too.
_DECIMAL_TEXT = r"^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$"
_METHODS = ("get", "put", "post", "patch", "delete")
_RULE_ARG = re.compile(
    r"<(?:(?P<conv>[a-zA-Z_]+)(?:\((?P<args>[^)]*)\))?:)?(?P<name>[a-zA-Z_][a-zA-Z0-9_]*)>")
_MAX_ARG = re.compile(r"\bmax\s*=\s*(\d+)")


class ErrorSchema(Schema):
    """The uniform error body (see :mod:`core.api.errors`)."""

    error = fields.String(required=True, metadata={"description": "Machine-readable code."})
    status = fields.Integer(required=True)
    message = fields.String(required=True)
    field_errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                               data_key="fields",
                               metadata={"description": "Messages per bad input (422)."})


COMMON_ERRORS = (400, 401, 403, 404, 429, 500)

IF_MATCH = {"name": "If-Match", "in": "header", "required": False,
            "schema": {"type": "string", "pattern": r'^\s*(\*|(W/)?"[0-9]{1,18}")?\s*$'},
            "description": "The ETag last read (`\"3\"`); a stale one is answered with 409, "
                           "one this API never gave with 412; blank is no check."}
"""The optional ``If-Match`` header of an update or delete (see :mod:`core.api.etag`)."""


def operation(method: str = "GET", *, summary: str, tags: Iterable[str] = (),
              description: str = "", parameters: Iterable[Mapping[str, Any]] = (),
              request: Any = None, responses: Mapping[int, Any] | None = None,
              errors: Iterable[int] = (), public: bool = False,
              request_types: Iterable[str] = ("application/json",)) -> Callable:
    """Document ``method`` of the decorated view for the OpenAPI document.

    ``request`` is a marshmallow schema (class or instance) or a JSON schema for the body,
    sent as one of ``request_types``; ``responses`` maps a status to a schema (JSON), a
    ``{media type: schema}`` mapping, ``None`` (no body) or a description string; ``errors`` adds
    statuses answered with the error body beyond the common ones (400 401 403 404 429 500).
    ``public`` marks a view that needs no credentials (a signed link, a web form).
    Stack one decorator per method on a view that serves several.
    """
    def decorate(view: Callable) -> Callable:
        docs = getattr(view, _ATTR, None)
        if docs is None:
            docs = {}
            setattr(view, _ATTR, docs)
        docs[method.upper()] = {
            "summary": summary, "tags": list(tags), "description": description,
            "parameters": list(parameters), "request": request,
            "responses": dict(responses or {200: "OK"}), "errors": tuple(errors),
            "public": public, "request_types": tuple(request_types),
        }
        return view
    return decorate


def documented(view: Callable) -> dict[str, dict[str, Any]]:
    """What :func:`operation` recorded on ``view``, by HTTP method."""
    return getattr(view, _ATTR, {})


def api_routes(app: Flask) -> list[tuple[str, str, str]]:
    """Every ``(path, method, endpoint)`` mounted under ``/api/v1`` (HEAD and OPTIONS aside)."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.rule == API_PREFIX or rule.rule.startswith(API_PREFIX + "/"):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                found.append((rule.rule, method, rule.endpoint))
    return found


def openapi_document(app: Flask) -> dict[str, Any]:
    """The OpenAPI document of ``app``, built once and kept."""
    spec = app.extensions.get(_EXTENSION)
    if spec is None:
        spec = app.extensions[_EXTENSION] = _numeric_bounds(
            schema_names.shorten(build_spec(app).to_dict()))
    return spec


def _numeric_bounds(node: Any) -> Any:
    """Turn bounds apispec wrote as text (``Decimal(as_string=True)`` ranges) into numbers."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("minimum", "maximum") and isinstance(value, str):
                number = Decimal(value)
                node[key] = int(number) if number == number.to_integral_value() \
                    else float(number)
            else:
                _numeric_bounds(value)
    elif isinstance(node, list):
        for item in node:
            _numeric_bounds(item)
    return node


def build_spec(app: Flask) -> APISpec:
    marshmallow_plugin = MarshmallowPlugin(schema_name_resolver=schema_names.qualified_name)
    spec = APISpec(title="Kontora API", version=__version__, openapi_version="3.0.3",
                   plugins=[marshmallow_plugin],
                   info={"description": "REST API of Kontora. Authenticate with a bearer token "
                                        "(`Authorization: Bearer <token>`) or a web session."},
                   servers=[{"url": API_PREFIX}])
    marshmallow_plugin.converter.add_attribute_function(_as_served)
    spec.components.schema("Error", schema=ErrorSchema)
    spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    spec.components.security_scheme("session", {"type": "apiKey", "in": "cookie",
                                                "name": app.config.get("SESSION_COOKIE_NAME",
                                                                       "session")})
    paths: dict[str, dict[str, Any]] = {}
    for rule, method, endpoint in api_routes(app):
        docs = documented(app.view_functions[endpoint]).get(method)
        if docs is None:
            continue
        path, path_params = _openapi_path(rule)
        paths.setdefault(path, {})[method.lower()] = _operation(endpoint, method, docs,
                                                                path_params)
    _link_created_records(paths)
    for path, operations in sorted(paths.items()):
        spec.path(path=path.removeprefix(API_PREFIX) or "/", operations=operations)
    return spec


def _as_served(self: Any, field: fields.Field, ret: dict[str, Any],
               **kwargs: Any) -> dict[str, Any]:
    """Describe a field as the API serves it, beyond what apispec infers.

    A string decimal is a string (or a number on input); an output-only field that is not
    required may come back as ``null`` (a date not reached yet, a link not set); a field
    whose schema reads a blank as "none" (``metadata={"blank_is_none": True}``, for form
    posts) also accepts a blank string.
    """
    extra: dict[str, Any] = {}
    if field.metadata.get("blank_is_none"):
        ret.pop("blank_is_none", None)
        shaped = {key: ret.pop(key) for key in ("type", "format", "pattern", "minLength",
                                                 "maxLength", "enum") if key in ret}
        extra["anyOf"] = [shaped, {"type": "string", "pattern": r"^\s*$"}]
    if isinstance(field, fields.Decimal) and field.as_string:
        nullable = ret.pop("nullable", False)
        number = {"type": "number"}
        for key in ("type", "format", "minimum", "maximum", "exclusiveMinimum",
                    "exclusiveMaximum", "multipleOf"):
            if key in ret and key not in ("type", "format"):
                number[key] = ret[key]
            ret.pop(key, None)
        text = {"type": "string", "format": "decimal", "pattern": _DECIMAL_TEXT}
        if field.dump_only:
            extra.update(text)
        else:
            extra["anyOf"] = [text, number]  # the bounds hold for both; JSON Schema states
            # them for the number only
        if nullable:
            extra["nullable"] = True
    if field.dump_only and not field.required and "$ref" not in ret:
        extra["nullable"] = True
    return extra


def _link_created_records(paths: dict[str, dict[str, Any]]) -> None:
    """Add OpenAPI ``links`` from each collection's create to the operations on its items.

    ``POST /kind`` answering 201 with the record leads to every operation under
    ``/kind/{param}``: ``record_id`` takes the body's ``id``, another ``..._id`` parameter
    the body's field of that name if it has one (a contact link's ``contact_id``), else its
    ``id``; another (a series' ``code``) the property of its name. A collection under a record
    (``/kind/{record_id}/addresses``) hands its own path parameters on too. So a stateful
    fuzzer (and a reader) can follow create -> read, change, delete.
    """
    for path, operations in paths.items():
        create = operations.get("post", {})
        created = create.get("responses", {}).get("201")
        if path.endswith("}") or created is None or "content" not in created:
            continue
        own = re.findall(r"\{([^}]+)\}", path)
        returned = _field_names(created["content"].get("application/json", {}).get("schema"))
        item = re.compile(re.escape(path) + r"/\{(?P<param>[^}]+)\}(?:/[^{]*)?$")
        links: dict[str, Any] = {}
        for target, target_ops in sorted(paths.items()):
            found = item.match(target)
            if found is None:
                continue
            param = found["param"]
            is_id = param in ("id", "record_id") or param.endswith("_id")
            field = param if not is_id or (param in returned and param != "record_id") \
                else "id"
            parameters = {name: f"$request.path.{name}" for name in own}
            parameters[param] = f"$response.body#/{field}"
            for method in _METHODS:
                if method in target_ops:
                    op_id = target_ops[method]["operationId"]
                    links[op_id.replace(".", "_")] = {"operationId": op_id,
                                                      "parameters": parameters}
        if links:
            created["links"] = links


def _field_names(schema: Any) -> set[str]:
    """The names a marshmallow schema (class or instance) serialises to; none otherwise."""
    if isinstance(schema, type) and issubclass(schema, Schema):
        schema = schema()
    if not isinstance(schema, Schema):
        return set()
    return {field.data_key or name for name, field in schema.fields.items()}


def _openapi_path(rule: str) -> tuple[str, list[dict[str, Any]]]:
    params = []

    def replace(match: re.Match) -> str:
        schema = dict(_CONVERTERS.get(match["conv"] or "", {"type": "string"}))
        if match["conv"] == "any":  # any(a, b): one of the listed words
            schema["enum"] = [word.strip(" '\"") for word in match["args"].split(",")]
        maximum = _MAX_ARG.search(match["args"] or "")
        if maximum:
            schema["maximum"] = int(maximum.group(1))
        params.append({"name": match["name"], "in": "path", "required": True, "schema": schema})
        return "{" + match["name"] + "}"

    return _RULE_ARG.sub(replace, rule), params


def _operation(endpoint: str, method: str, docs: dict[str, Any],
               path_params: list[dict[str, Any]]) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": f"{endpoint}.{method.lower()}",
        "summary": docs["summary"],
        "tags": docs["tags"] or [endpoint.split(".", 1)[0]],
        "parameters": [*path_params, *docs["parameters"]],
        "security": [] if docs["public"] else [{"bearerAuth": []}, {"session": []}],
        "responses": {},
    }
    if docs["description"]:
        op["description"] = docs["description"]
    if docs["request"] is not None:
        op["requestBody"] = {"required": True,
                             "content": {media: {"schema": docs["request"]}
                                         for media in docs["request_types"]}}
    for status, body in docs["responses"].items():
        if body is None or isinstance(body, str):
            op["responses"][str(status)] = {"description": body or "No content."}
        else:
            media = (body if isinstance(body, Mapping) and body and all("/" in key for key in body)
                     else {"application/json": body})
            op["responses"][str(status)] = {
                "description": "OK" if status < 300 else "Result",
                "content": {kind: {"schema": schema} for kind, schema in media.items()},
            }
    statuses = set(COMMON_ERRORS) | set(docs["errors"])
    if docs["request"] is not None:
        statuses |= {415, 422}
    if any(param.get("in") == "query" for param in docs["parameters"]):
        statuses.add(422)  # a query parameter of the wrong shape is refused naming it
    for status in sorted(statuses):
        op["responses"].setdefault(str(status), {
            "description": _ERROR_TEXT.get(status, "Error."),
            "content": {"application/json": {"schema": "Error"}},
        })
    return op


_ERROR_TEXT = {
    400: "Bad request (malformed JSON or parameters).", 401: "Not authenticated.",
    403: "Not permitted.", 404: "Not found (or hidden by a record rule).",
    405: "Method not allowed.", 409: "Conflict: the record changed since it was read.",
    412: "Precondition failed.", 415: "Unsupported media type: send JSON.",
    422: "Validation error; `fields` names each bad input.", 428: "If-Match required.",
    429: "Too many requests.", 500: "Internal error.",
}
