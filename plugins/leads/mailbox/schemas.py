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
