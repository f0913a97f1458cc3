"""Marshmallow schemas of the mailbox: set-up mailboxes, fetch results, quarantine entries."""

from __future__ import annotations

import os
from typing import Any

from marshmallow import Schema, fields, validate

from core.i18n import lazy_gettext as _l
from plugins.leads.mailbox.models import SECURITY

HOST = r"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"
ENV_NAME = r"^[A-Z][A-Z0-9_]{0,99}$"
MAX_FOLDERS = 20


class MailboxAccountSchema(Schema):
    """A mailbox to read; ``port`` defaults to 993 for TLS and 143 otherwise."""

    id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    host = fields.String(required=True, validate=validate.Regexp(
        HOST, error=_l("Give a host name such as mail.example.com.")))
    port = fields.Integer(load_default=None, allow_none=True, strict=True,
                          validate=validate.Range(min=1, max=65535))
    security = fields.String(load_default="tls", validate=validate.OneOf(SECURITY))
    username = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password_env = fields.String(required=True, validate=validate.Regexp(
        ENV_NAME, error=_l("Give the name of an environment variable, such as "
                           "KONTORA_MAILBOX_SALES_PASSWORD.")))
    folders = fields.List(fields.String(validate=validate.Length(min=1, max=200)),
                          load_default=lambda: ["INBOX"],
                          validate=validate.Length(min=1, max=MAX_FOLDERS))
    active = fields.Boolean(load_default=True)
    password_set = fields.Method("_password_set", dump_only=True)

    def _password_set(self, account: Any) -> bool:
        """Whether this process sees the password's variable (the worker needs it too)."""
        return bool(os.environ.get(account.password_env))


class FetchStateSchema(Schema):
    folder = fields.String()
    fetched_at = fields.DateTime()
    imported = fields.Integer()
    quarantined = fields.Integer()
    errors = fields.Integer()
    error = fields.String(allow_none=True)


class QuarantinedSchema(Schema):
    id = fields.Integer()
    folder = fields.String()
    uid = fields.Integer()
    sender = fields.String()
    subject = fields.String()
    reason = fields.String()
    attempts = fields.Integer()
    size = fields.Integer()
    created_at = fields.DateTime()


class RetrySchema(Schema):
    imported = fields.Boolean()
    message_id = fields.Integer(allow_none=True)
    entry = fields.Nested(QuarantinedSchema, allow_none=True)


class InboxAttachmentSchema(Schema):
    """A file of a message; ``storage_key`` names it in the download URL."""

    storage_key = fields.String()
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String()


class InboxMessageSchema(Schema):
    """A message as the inbox lists it."""

    id = fields.Integer()
    kind = fields.String(metadata={"enum": ["inbox", "automatic"]})
    automatic_reason = fields.String(allow_none=True)
    subject = fields.String()
    from_name = fields.String()
    from_email = fields.String()
    received_at = fields.DateTime()
    thread_id = fields.Integer(allow_none=True)
    lead_id = fields.Integer(allow_none=True)
    client_id = fields.Integer(allow_none=True)
    attachment_count = fields.Function(lambda message: len(message.attachments))


class InboxMessageDetailSchema(InboxMessageSchema):
    """A message with its text, its sanitised HTML and its files."""

    recipients = fields.List(fields.String())
    sent_at = fields.DateTime(allow_none=True)
    text = fields.String()
    html = fields.String(metadata={"description": "Sanitised; show it in a sandboxed frame."})
    attachments = fields.List(fields.Nested(InboxAttachmentSchema))


class InboxPageSchema(Schema):
    items = fields.List(fields.Nested(InboxMessageSchema), required=True)
    next_before = fields.Integer(allow_none=True, required=True, metadata={
        "description": "Give it as ``before`` for the next page; null on the last."})


class BlockedSenderSchema(Schema):
    """An address or a domain whose mail is filed as automatic."""

    id = fields.Integer(dump_only=True)
    pattern = fields.String(required=True, validate=validate.Length(min=1, max=254),
                            metadata={"description": "someone@example.com or example.com"})
    note = fields.String(allow_none=True, validate=validate.Length(max=200))
    created_at = fields.DateTime(dump_only=True)
