"""REST side of outgoing mail: ``/api/v1/mail`` list, one message, resend."""

from __future__ import annotations

from flask import Response, jsonify, request
from marshmallow import Schema, fields

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, is_whole_number
from core.api.openapi import operation
from core.db import session
from core.errors import NotFound, ValidationError
from core.i18n import gettext as _
from core.mail.models import STATUSES, MailMessage
from core.mail.queries import MAX_PAGE_SIZE, PAGE_SIZE, MailFilters, list_messages
from core.mail.service import READ_PERMISSION, resend_mail
from core.permissions import require
from core.services.text import check_text

bp = api_blueprint("mail_api", __name__, url_prefix="/mail")


class AttachmentSchema(Schema):
    filename = fields.String(required=True)
    content_type = fields.String(required=True)
    size = fields.Integer(required=True)
    sha256 = fields.String(required=True)


class MessageSchema(Schema):
    id = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"enum": list(STATUSES)})
    sender = fields.String(required=True)
    to = fields.List(fields.String(), required=True, attribute="recipients")
    cc = fields.List(fields.String())
    bcc = fields.List(fields.String())
    reply_to = fields.String(allow_none=True)
    subject = fields.String(required=True)
    language = fields.String(required=True)
    template = fields.String(allow_none=True)
    record_kind = fields.String(allow_none=True)
    record_id = fields.Integer(allow_none=True)
    message_id = fields.String(required=True, metadata={"description": "The Message-ID header."})
    attempts = fields.Integer(required=True)
    last_error = fields.String(allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    sent_at = fields.AwareDateTime(allow_none=True)
    attachments = fields.List(fields.Nested(AttachmentSchema))


class MessagePageSchema(Schema):
    items = fields.List(fields.Nested(MessageSchema), required=True)
    next_cursor = fields.String(allow_none=True)


LIST_PARAMETERS = [
    {"in": "query", "name": "status", "schema": {"type": "string", "enum": ["", *STATUSES]},
     "description": "Blank: every status."},
    {"in": "query", "name": "record_kind", "schema": {"type": "string"}},
    {"in": "query", "name": "record_id", "schema": {"type": "integer", "minimum": 0}},
    {"in": "query", "name": "q", "schema": {"type": "string"},
     "description": "Words to find in the recipients or the subject."},
    {"in": "query", "name": "cursor", "schema": {"type": "string"}},
    {"in": "query", "name": "limit",
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}},
]


def _number(name: str, errors: dict[str, list[str]], maximum: int = 2147483647,
            minimum: int = 0) -> int | None:
    text = request.args.get(name)
    if not text:
        return None
    if not is_whole_number(text) or len(text) > 10 or not minimum <= int(text) <= maximum:
        errors[name] = [_("Expected a number.")]
        return None
    return int(text)


@bp.get("")
@operation("GET", summary="Outgoing e-mail, newest first", tags=["mail"],
           parameters=LIST_PARAMETERS, responses={200: MessagePageSchema}, errors=(422,))
def list_api() -> Response:
    require(api_principal(), READ_PERMISSION)
    # text compared in SQL: a NUL is a 422 naming it, not PostgreSQL's refusal as a 400
    check_text({name: request.args[name] for name in ("record_kind", "q")
                if name in request.args})
    errors: dict[str, list[str]] = {}
    status = request.args.get("status") or None
    if status and status not in STATUSES:
        errors["status"] = [_("Unknown status.")]
    record_id = _number("record_id", errors)
    before = _number("cursor", errors)
    limit = _number("limit", errors, MAX_PAGE_SIZE, minimum=1) or PAGE_SIZE
    if errors:
        raise ValidationError(_("The input is not valid."), fields=errors)
    rows, more = list_messages(MailFilters(
        status=status, record_kind=request.args.get("record_kind") or None,
        record_id=record_id, search=request.args.get("q") or None, before_id=before),
        limit=limit)
    return jsonify(MessagePageSchema().dump(
        {"items": rows, "next_cursor": str(more) if more else None}))


@bp.get(f"/<{RECORD_ID}:message_id>")
@operation("GET", summary="One outgoing e-mail with its delivery status", tags=["mail"],
           responses={200: MessageSchema})
def get_api(message_id: int) -> Response:
    require(api_principal(), READ_PERMISSION)
    row = session().get(MailMessage, message_id)
    if row is None:
        raise NotFound(_("No such message."))
    return jsonify(MessageSchema().dump(row))


@bp.post(f"/<{RECORD_ID}:message_id>/resend")
@operation("POST", summary="Send a failed or unsent e-mail again", tags=["mail"],
           responses={202: MessageSchema}, errors=(409,),
           description="Queues the message again (same Message-ID); 409 when it was sent "
                       "or is still queued.")
def resend_api(message_id: int) -> tuple[Response, int]:
    row = resend_mail(api_principal(), message_id)
    return jsonify(MessageSchema().dump(row)), 202
