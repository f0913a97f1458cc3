"""REST endpoints for orders under ``/api/v1/orders.order``.

Reading and listing are the kernel's generic resource (filters, search, record rules,
ETags); writing goes through this plugin's services: creating with lines, changing,
deleting drafts, the lines, one endpoint per workflow transition, and the client's
confirmation and question through the link token; the workflow's added statuses (add,
remove) and the settings.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.etag import expected_version, with_etag
from core.api.openapi import operation
from core.api.resources import register_resource
from core.documents.lines import LinePositionSchema
from core.identity import limiter
from core.permissions import require
from core.services import validate
from plugins.orders import services
from plugins.orders.schemas import (
    ClientAnswerSchema,
    LineSchema,
    OrderChangeSchema,
    OrderSchema,
    OrderSettingsSchema,
    SendSchema,
    StatusSchema,
    ThreadMessageOutSchema,
    ThreadMessageSchema,
)
from plugins.orders.services.admin import CONFIGURE, settings
from plugins.orders.services.thread import answer_client, staff_thread
from plugins.orders.services.transitions import TRANSITION_SERVICES

bp = api_blueprint("orders_api", __name__)
register_resource(bp, kind="orders.order", schema=OrderSchema, actions=("list", "get"),
                  filters=["status", "party_id", "owner_id", "currency", "number"])

BASE = "/orders.order"
ITEM = f"{BASE}/<{RECORD_ID}:record_id>"
TAGS = ["orders.order"]


def _order(order: Any, status: int = 200):
    response = with_etag(jsonify(OrderSchema().dump(order)), order)
    response.status_code = status
    return response


@bp.post(BASE)
@operation("POST", summary="Create an order with its lines", tags=TAGS, request=OrderSchema,
           responses={201: OrderSchema}, errors=(422,))
def create_order():
    return _order(services.create_order(api_principal(), json_body()), 201)


@bp.patch(ITEM)
@operation("PATCH", summary="Change an order (client and currency only on drafts)",
           tags=TAGS, request=OrderChangeSchema, responses={200: OrderSchema},
           errors=(409, 412, 422))
def update_order(record_id: int):
    return _order(services.update_order(api_principal(), record_id, json_body(),
                                        expected_version=expected_version()))


@bp.delete(ITEM)
@operation("DELETE", summary="Delete a draft order", tags=TAGS, responses={204: None},
           errors=(409, 412))
def delete_order(record_id: int):
    services.delete_order(api_principal(), record_id, expected_version=expected_version())
    return "", 204


@bp.post(f"{ITEM}/lines")
@operation("POST", summary="Add a line to a draft order", tags=TAGS, request=LineSchema,
           responses={201: OrderSchema}, errors=(409, 422))
def add_line(record_id: int):
    line = services.add_line(api_principal(), record_id, json_body())
    return _order(line.order, 201)


@bp.patch(f"{ITEM}/lines/<{RECORD_ID}:line_id>")
@operation("PATCH", summary="Change a line of a draft order", tags=TAGS, request=LineSchema,
           responses={200: OrderSchema}, errors=(409, 422))
def update_line(record_id: int, line_id: int):
    line = services.update_line(api_principal(), record_id, line_id, json_body())
    return _order(line.order)


@bp.post(f"{ITEM}/lines/<{RECORD_ID}:line_id>/move")
@operation("POST", summary="Move a line of a draft order (1-based position)", tags=TAGS,
           request=LinePositionSchema, responses={200: OrderSchema}, errors=(409, 422))
def move_line(record_id: int, line_id: int):
    line = services.reorder_line(api_principal(), record_id, line_id, json_body())
    return _order(line.order)


@bp.post(f"{ITEM}/lines/<{RECORD_ID}:line_id>/duplicate")
@operation("POST", summary="Copy a line of a draft order just below itself", tags=TAGS,
           responses={201: OrderSchema}, errors=(409, 422))
def duplicate_line(record_id: int, line_id: int):
    line = services.duplicate_line(api_principal(), record_id, line_id)
    return _order(line.order, 201)


@bp.delete(f"{ITEM}/lines/<{RECORD_ID}:line_id>")
@operation("DELETE", summary="Remove a line of a draft order", tags=TAGS,
           responses={200: OrderSchema}, errors=(409,))
def remove_line(record_id: int, line_id: int):
    principal = api_principal()
    services.remove_line(principal, record_id, line_id)
    from plugins.orders.services.common import load_order

    return _order(load_order(principal, record_id))


def _transition_view(name: str):
    def view(record_id: int):
        from flask import request

        data = json_body() if request.content_length else {}
        order = services.run_transition(api_principal(), record_id, name, data,
                                        expected_version=expected_version())
        return _order(order)

    view.__name__ = f"move_{name}"
    return view


for _name in TRANSITION_SERVICES:
    bp.add_url_rule(f"{ITEM}/{_name}", f"move_{_name}", operation(
        "POST", summary=f"Workflow: {_name}", tags=TAGS,
        request=SendSchema if _name == "send" else None,
        responses={200: OrderSchema}, errors=(409, 412, 422))(_transition_view(_name)),
        methods=["POST"])


@bp.post(f"{ITEM}/advance/<status>")
@operation("POST", summary="Workflow: move into a status added by admins", tags=TAGS,
           responses={200: OrderSchema}, errors=(409, 412))
def advance(record_id: int, status: str):
    return _order(services.advance_order(api_principal(), record_id, status,
                                         expected_version=expected_version()))


@bp.get(f"{ITEM}/thread")
@operation("GET", summary="The order's client thread: the client's messages from the portal "
           "and the answers, oldest first", tags=TAGS,
           responses={200: ThreadMessageOutSchema(many=True)})
def thread(record_id: int):
    return jsonify(ThreadMessageOutSchema(many=True).dump(
        staff_thread(api_principal(), record_id)))


@bp.post(f"{ITEM}/thread")
@operation("POST", summary="Answer the client in the order's thread (the client is "
           "e-mailed; attach files to the returned note_id through the activities API)",
           tags=TAGS, request=ThreadMessageSchema, responses={201: ThreadMessageOutSchema},
           errors=(422,))
def answer(record_id: int):
    message = answer_client(api_principal(), record_id, json_body())
    return jsonify(ThreadMessageOutSchema().dump(message)), 201


@bp.post("/orders/confirm/<token>")
@limiter.limit("30 per minute")
@operation("POST", summary="The client confirms an order (token of the e-mailed link)",
           tags=TAGS, request=ClientAnswerSchema, responses={200: "Confirmed"},
           errors=(409, 410, 422), public=True)
def client_confirm(token: str):
    order = services.confirm_by_client(token, json_body())
    return jsonify({"id": order.id, "number": order.number, "status": order.status})


@bp.post("/orders/question/<token>")
@limiter.limit("30 per minute")
@operation("POST", summary="The client asks a question (token of the e-mailed link)",
           tags=TAGS, request=ClientAnswerSchema, responses={201: "Question recorded"},
           errors=(410, 422), public=True)
def client_question(token: str):
    note = services.ask_by_client(token, json_body())
    return jsonify({"note_id": note.id}), 201


@bp.get("/orders/statuses")
@operation("GET", summary="The order workflow: statuses and transitions", tags=TAGS,
           responses={200: "Statuses in path order and the transitions"})
def workflow():
    from plugins.orders.workflow import current_workflow

    require(api_principal(), "orders.read")
    flow = current_workflow()
    return jsonify({
        "statuses": [{"code": c, "label": label} for c, label in flow.choices()],
        "transitions": [{"name": t.name, "from": sorted(t.sources), "to": t.target,
                         "permission": t.permission, "label": str(t.label)}
                        for t in flow.transitions.values()]})


@bp.post("/orders/statuses")
@operation("POST", summary="Add a status between two built-in ones (admins)", tags=TAGS,
           request=StatusSchema, responses={201: StatusSchema}, errors=(422,))
def add_status():
    status = services.add_status(api_principal(), json_body())
    return jsonify(StatusSchema().dump(status)), 201


@bp.delete(f"/orders/statuses/<{RECORD_ID}:status_id>")
@operation("DELETE", summary="Remove a status added by admins; refused while orders are in it",
           tags=TAGS, responses={204: None}, errors=(409,))
def remove_status(status_id: int):
    services.remove_status(api_principal(), status_id)
    return "", 204


@bp.get("/orders/settings")
@operation("GET", summary="The orders settings (admins)", tags=TAGS,
           responses={200: OrderSettingsSchema})
def get_settings():
    require(api_principal(), CONFIGURE)
    return jsonify(OrderSettingsSchema().dump(settings()))


@bp.put("/orders/settings")
@operation("PUT", summary="Set whether an accepted offer makes (and sends) its order",
           tags=TAGS, request=OrderSettingsSchema, responses={200: OrderSettingsSchema},
           errors=(422,))
def put_settings():
    principal = api_principal()
    require(principal, CONFIGURE)
    values = validate(OrderSettingsSchema(), json_body())
    return jsonify(OrderSettingsSchema().dump(services.update_settings(principal, **values)))
