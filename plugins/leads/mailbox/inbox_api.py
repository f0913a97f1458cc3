"""REST endpoints of the company inbox (``/api/v1/leads/mailbox/...``): list and read the
messages, download a file, turn a message into a lead in one call, and keep the block list
whose senders' mail is filed as automatic. The same services and permissions as the pages."""

from __future__ import annotations

from flask import jsonify, request

from core.api.blueprint import (
    RECORD_ID,
    api_blueprint,
    api_principal,
    is_whole_number,
    json_body,
)
from core.api.openapi import operation
from core.errors import ValidationError
from core.i18n import gettext as _
from plugins.leads.mailbox import services
from plugins.leads.mailbox.downloads import file_response
from plugins.leads.mailbox.schemas import (
    BlockedSenderSchema,
    InboxMessageDetailSchema,
    InboxPageSchema,
)
from plugins.leads.mailbox.services import PAGE, STATES
from plugins.leads.schemas import LeadSchema

bp = api_blueprint("leads_inbox_api", __name__)

BASE = "/leads/mailbox"
TAGS = ["leads"]
KINDS = ("inbox", "automatic")
LIST_PARAMETERS = [
    {"name": "kind", "in": "query", "schema": {"type": "string", "enum": list(KINDS),
                                               "default": "inbox"},
     "description": "The inbox (people wrote it) or the automatic mail."},
    {"name": "state", "in": "query", "schema": {"type": "string", "enum": list(STATES)},
     "description": "new (neither a lead nor a client's), lead, or client."},
    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 100},
     "description": "Words of the subject or the sender."},
    {"name": "before", "in": "query", "schema": {"type": "integer", "minimum": 1},
     "description": "The ``next_before`` of the previous page."},
    {"name": "limit", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": PAGE, "default": PAGE}},
]


@bp.get(f"{BASE}/messages")
@operation("GET", summary="Messages of the company mailbox, newest first", tags=TAGS,
           parameters=LIST_PARAMETERS, responses={200: InboxPageSchema})
def list_messages():
    principal = api_principal()
    kind = _choice("kind", KINDS) or "inbox"
    state = _choice("state", STATES)
    before, limit = _number("before", 2**31 - 1), _number("limit", PAGE)
    page = services.list_messages(principal, kind=kind, state=state,
                                  search=request.args.get("q") or None, before=before,
                                  limit=limit or PAGE)
    return jsonify(InboxPageSchema().dump(page))


@bp.get(f"{BASE}/messages/<{RECORD_ID}:record_id>")
@operation("GET", summary="A message with its text, sanitised HTML and files", tags=TAGS,
           responses={200: InboxMessageDetailSchema})
def get_message(record_id: int):
    return jsonify(InboxMessageDetailSchema().dump(
        services.get_message(api_principal(), record_id)))


@bp.get(f"{BASE}/messages/<{RECORD_ID}:record_id>/thread")
@operation("GET", summary="Every message of the message's conversation, oldest first",
           tags=TAGS, responses={200: InboxMessageDetailSchema(many=True)})
def get_thread(record_id: int):
    principal = api_principal()
    found = services.get_message(principal, record_id)
    return jsonify(InboxMessageDetailSchema(many=True).dump(services.thread(principal, found)))


@bp.post(f"{BASE}/messages/<{RECORD_ID}:record_id>/lead")
@operation("POST", summary="Make the message a lead (or give the lead it already is)",
           description="The sender becomes the lead's contact, the text a note with the "
           "files; the rest of the conversation is filed on the lead. Calling it again "
           "gives the same lead.", tags=TAGS, responses={200: LeadSchema}, errors=(409,))
def make_lead(record_id: int):
    return jsonify(LeadSchema().dump(services.convert_to_lead(api_principal(), record_id)))


@bp.get(f"{BASE}/files/<key>")
@operation("GET", summary="Download a file of a message (by its storage_key)", tags=TAGS,
           responses={200: {"application/octet-stream": {"type": "string",
                                                         "format": "binary"}}})
def download(key: str):
    return file_response(services.get_attachment(api_principal(), key))


@bp.get(f"{BASE}/blocked")
@operation("GET", summary="Senders whose mail is filed as automatic", tags=TAGS,
           responses={200: BlockedSenderSchema(many=True)})
def list_blocked():
    return jsonify(BlockedSenderSchema(many=True).dump(
        services.blocked_senders(api_principal())))


@bp.post(f"{BASE}/blocked")
@operation("POST", summary="File a sender's mail as automatic (its new inbox mail moves)",
           tags=TAGS, request=BlockedSenderSchema, responses={201: BlockedSenderSchema},
           errors=(422,))
def block():
    entry = services.block_sender(api_principal(), json_body())
    return jsonify(BlockedSenderSchema().dump(entry)), 201


@bp.delete(f"{BASE}/blocked/<{RECORD_ID}:entry_id>")
@operation("DELETE", summary="Take a sender off the block list", tags=TAGS,
           responses={204: None})
def unblock(entry_id: int):
    services.unblock_sender(api_principal(), entry_id)
    return "", 204


def _choice(name: str, allowed: tuple[str, ...]) -> str | None:
    value = request.args.get(name)
    if value in (None, ""):
        return None
    if value not in allowed:
        raise ValidationError(_("The input is not valid."), fields={name: [
            _("Give one of: %(values)s.", values=", ".join(allowed))]})
    return value


def _number(name: str, maximum: int) -> int | None:
    value = request.args.get(name)
    if value in (None, ""):
        return None
    if not is_whole_number(value) or not 1 <= int(value) <= maximum:
        raise ValidationError(_("The input is not valid."), fields={name: [
            _("Give a whole number from 1 to %(max)s.", max=maximum)]})
    return int(value)
