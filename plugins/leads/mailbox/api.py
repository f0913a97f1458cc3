"""REST endpoints of the company mailbox (``/api/v1/leads/mailbox/...``): the mailboxes to
read, "fetch now" and each folder's last result, and the quarantine with retry and
discard. Same services and permissions as the pages."""

from __future__ import annotations

from flask import jsonify

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.openapi import operation
from plugins.leads.mailbox import accounts, quarantine
from plugins.leads.mailbox.schemas import (
    FetchStateSchema,
    MailboxAccountSchema,
    QuarantinedSchema,
    RetrySchema,
)

bp = api_blueprint("leads_mailbox_api", __name__)

BASE = "/leads/mailbox"
TAGS = ["leads"]


@bp.get(f"{BASE}/accounts")
@operation("GET", summary="The mailboxes set up to be read", tags=TAGS,
           responses={200: MailboxAccountSchema(many=True)})
def list_accounts():
    return jsonify(MailboxAccountSchema(many=True).dump(accounts.list_accounts(api_principal())))


@bp.post(f"{BASE}/accounts")
@operation("POST", summary="Set up a mailbox to read (the password stays in an environment "
           "variable named by password_env)", tags=TAGS, request=MailboxAccountSchema,
           responses={201: MailboxAccountSchema}, errors=(422,))
def create_account():
    account = accounts.create_account(api_principal(), json_body())
    return jsonify(MailboxAccountSchema().dump(account)), 201


@bp.patch(f"{BASE}/accounts/<{RECORD_ID}:account_id>")
@operation("PATCH", summary="Change a mailbox", tags=TAGS, request=MailboxAccountSchema,
           responses={200: MailboxAccountSchema}, errors=(422,))
def update_account(account_id: int):
    account = accounts.update_account(api_principal(), account_id, json_body())
    return jsonify(MailboxAccountSchema().dump(account))


@bp.delete(f"{BASE}/accounts/<{RECORD_ID}:account_id>")
@operation("DELETE", summary="Stop reading a mailbox", tags=TAGS, responses={204: None})
def delete_account(account_id: int):
    accounts.delete_account(api_principal(), account_id)
    return "", 204


@bp.post(f"{BASE}/fetch")
@operation("POST", summary="Read every mailbox now (a job; see /status for the result)",
           tags=TAGS, responses={202: "The fetch is queued"})
def fetch_now():
    job = accounts.request_fetch(api_principal())
    return jsonify({"job": job}), 202


@bp.get(f"{BASE}/status")
@operation("GET", summary="Each folder's last fetch: time, imported, quarantined, errors",
           tags=TAGS, responses={200: FetchStateSchema(many=True)})
def status():
    return jsonify(FetchStateSchema(many=True).dump(accounts.fetch_states(api_principal())))


@bp.get(f"{BASE}/quarantine")
@operation("GET", summary="Messages that could not be read or stored", tags=TAGS,
           responses={200: QuarantinedSchema(many=True)})
def list_quarantined():
    return jsonify(QuarantinedSchema(many=True).dump(quarantine.quarantined(api_principal())))


@bp.post(f"{BASE}/quarantine/<{RECORD_ID}:entry_id>/retry")
@operation("POST", summary="Read a quarantined message again; imported tells if it worked",
           tags=TAGS, responses={200: RetrySchema})
def retry(entry_id: int):
    outcome = quarantine.retry_quarantined(api_principal(), entry_id)
    return jsonify(RetrySchema().dump({
        "imported": outcome.entry is None,
        "message_id": outcome.message.id if outcome.message is not None else None,
        "entry": outcome.entry}))


@bp.delete(f"{BASE}/quarantine/<{RECORD_ID}:entry_id>")
@operation("DELETE", summary="Discard a quarantined message", tags=TAGS, responses={204: None})
def discard(entry_id: int):
    quarantine.discard_quarantined(api_principal(), entry_id)
    return "", 204
