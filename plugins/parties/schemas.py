"""Marshmallow schemas: input validation for services, forms and the API, and API output.

Identifier fields are checked by country in ``post_load`` (they need the client's country
and kind together) and come out in their compact stored form.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from core import identifiers
from core.api.fields import JsonBoolean, RecordId
from core.i18n import gettext as _
from core.services.codes import country_code, currency_code
from plugins.parties.models import (
    ADDRESS_USES,
    CLIENT_KINDS,
    CLIENT_STATUSES,
    CONTACT_CHANNELS,
    CUSTOM_FIELD_TYPES,
    LOYALTY_LEVELS,
    RELATIONSHIPS,
    RESPONSIBILITIES,
    SIZES,
)

_country = fields.String(validate=country_code())
_currency = currency_code(upper_only=True)

NOT_FOR_KIND = {
    "legal_entity": ("personal_id",),
    "sole_trader": ("personal_id",),
    "private_person": ("trade_register_no",),
}
"""Requisites that do not exist for a kind of client (a company has no personal id)."""


def _blank_to_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: (None if isinstance(v, str) and not v.strip() else v) for k, v in data.items()}


class BankAccountSchema(Schema):
    id = fields.Integer(dump_only=True)
    iban = fields.String(required=True)
    bank_name = fields.String(allow_none=True, validate=validate.Length(max=200))
    bic = fields.String(allow_none=True,
                        validate=validate.Regexp(r"^[A-Za-z0-9]{8}([A-Za-z0-9]{3})?$"))
    currency = fields.String(required=True, validate=_currency)
    is_default = fields.Boolean(load_default=False)

    @post_load
    def _normalise(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        try:
            data["iban"] = identifiers.normalise("iban", None, data["iban"])
        except identifiers.IdentifierError as exc:
            raise ValidationError({"iban": [exc.message]}) from None
        if data["iban"] is None:
            raise ValidationError({"iban": [_("Missing data for required field.")]})
        if data.get("bic"):
            data["bic"] = data["bic"].upper()
        return data


class AddressSchema(Schema):
    id = fields.Integer(dump_only=True)
    client_id = fields.Integer(dump_only=True)
    use = fields.String(required=True, validate=validate.OneOf(ADDRESS_USES))
    label = fields.String(allow_none=True, validate=validate.Length(max=100))
    street = fields.String(required=True, validate=validate.Length(min=1, max=200))
    city = fields.String(required=True, validate=validate.Length(min=1, max=100))
    region = fields.String(allow_none=True, validate=validate.Length(max=100))
    postal_code = fields.String(allow_none=True, validate=validate.Length(max=20))
    country = fields.String(required=True, validate=country_code())
    is_default = fields.Boolean(load_default=False)

    @post_load
    def _upper(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        data["country"] = data["country"].upper()
        return data


class ClientSchema(Schema):
    """A client's own fields; ``addresses`` and ``bank_accounts`` only on create."""

    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    kind = fields.String(required=True, validate=validate.OneOf(CLIENT_KINDS))
    status = fields.String(load_default="prospect", validate=validate.OneOf(CLIENT_STATUSES))
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    country = fields.String(required=True, validate=country_code())
    tax_id = fields.String(allow_none=True, load_default=None)
    vat_number = fields.String(allow_none=True, load_default=None)
    trade_register_no = fields.String(allow_none=True, load_default=None)
    personal_id = fields.String(allow_none=True, load_default=None)
    email = fields.Email(allow_none=True, load_default=None)
    phone = fields.String(allow_none=True, validate=validate.Length(max=40))
    website = fields.String(allow_none=True, validate=validate.Length(max=200))
    relationship_type = fields.String(load_default="customer",
                                      validate=validate.OneOf(RELATIONSHIPS))
    loyalty = fields.String(allow_none=True, validate=validate.OneOf(LOYALTY_LEVELS))
    size = fields.String(allow_none=True, validate=validate.OneOf(SIZES))
    group_id = RecordId(allow_none=True)
    owner_id = RecordId(allow_none=True)
    notes = fields.String(allow_none=True)
    tags = fields.List(fields.String(validate=validate.Length(min=1, max=60)), load_only=True)
    custom = fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True),
                         load_only=True)
    tag_names = fields.Function(lambda c: [t.name for t in c.tags], data_key="tags",
                                dump_only=True)
    custom_values = fields.Function(
        lambda c: {v.field.code: v.value.isoformat() if hasattr(v.value, "isoformat")
                   else v.value for v in c.custom_values}, data_key="custom", dump_only=True)
    addresses = fields.List(fields.Nested(AddressSchema), load_only=True)
    bank_accounts = fields.List(fields.Nested(BankAccountSchema))
    vat_check_status = fields.String(dump_only=True)
    vat_checked_at = fields.DateTime(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)

    @validates_schema(skip_on_field_errors=False)
    def _check_requisites(self, data: dict[str, Any], **_kw: Any) -> None:
        """Identifier errors show even when other fields (a bank account) failed too."""
        _values, errors = requisites(data)
        if errors:
            raise ValidationError(errors)

    @post_load
    def _requisites(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        values, _errors = requisites(data)
        return values


def requisites(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Client ``data`` with identifiers normalised for its country and kind, and the errors."""
    data = _blank_to_none(data)
    if data.get("country"):
        data["country"] = data["country"].upper()
    if data.get("email"):
        data["email"] = data["email"].strip().lower()
    errors: dict[str, list[str]] = {}
    for name in NOT_FOR_KIND.get(data.get("kind") or "", ()):
        if data.get(name):
            errors[name] = [_("A client of this kind has no %(what)s.",
                              what=str(identifiers.FIELD_LABELS[name]).lower())]
    for name in identifiers.FIELDS:
        if name in errors or not data.get(name):
            continue
        try:
            data[name] = identifiers.normalise(name, data.get("country"), data[name])
        except identifiers.IdentifierError as exc:
            errors[name] = [exc.message]
    return data, errors


class ContactMethodSchema(Schema):
    id = fields.Integer(dump_only=True)
    channel = fields.String(required=True, validate=validate.OneOf(CONTACT_CHANNELS))
    value = fields.String(required=True, validate=validate.Length(min=1, max=254))
    label = fields.String(allow_none=True, validate=validate.Length(max=60))
    preferred = fields.Boolean(load_default=False)

    @post_load
    def _normalise(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        value = data["value"].strip()
        if data["channel"] == "email":
            try:
                value = fields.Email().deserialize(value).lower()
            except ValidationError as exc:
                raise ValidationError({"value": exc.messages}) from None
        else:
            value = " ".join(value.split())
            if not any(ch.isdigit() for ch in value):
                raise ValidationError({"value": [_("A phone number needs digits.")]})
        data["value"] = value
        return data


class ContactSchema(Schema):
    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    job_title = fields.String(allow_none=True, validate=validate.Length(max=120))
    preferred_channel = fields.String(load_default="email",
                                      validate=validate.OneOf(CONTACT_CHANNELS))
    responsibilities = fields.List(fields.String(validate=validate.OneOf(RESPONSIBILITIES)),
                                   load_default=list)
    available_hours = fields.String(allow_none=True, validate=validate.Length(max=200))
    notes = fields.String(allow_none=True)
    owner_id = RecordId(allow_none=True)
    methods = fields.List(fields.Nested(ContactMethodSchema), load_default=list)


class ClientContactSchema(Schema):
    """Linking a person to a client: an existing ``contact_id`` or a new ``contact``."""

    contact_id = RecordId(allow_none=True)
    contact = fields.Nested(ContactSchema, allow_none=True)
    role = fields.String(allow_none=True, validate=validate.Length(max=120))
    is_primary = fields.Boolean(load_default=False)

    @post_load
    def _one_person(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        if bool(data.get("contact_id")) == bool(data.get("contact")):
            raise ValidationError({"contact_id": [
                _("Give either an existing contact or the details of a new one.")]})
        return data


class ContactLinkChangeSchema(Schema):
    """A change of a client's contact person: the link's role and rank, the person's fields
    (validated by :class:`ContactSchema`, partly)."""

    role = fields.String(allow_none=True, validate=validate.Length(max=120))
    is_primary = JsonBoolean()
    contact = fields.Dict(allow_none=True, metadata={
        "description": "The person's fields to change (name, job_title, methods ...)."})


class CustomFieldSchema(Schema):
    id = fields.Integer(dump_only=True)
    code = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z0-9_]{0,39}$"))
    label = fields.String(required=True, validate=validate.Length(min=1, max=100))
    type = fields.String(required=True, validate=validate.OneOf(CUSTOM_FIELD_TYPES))
    choices = fields.List(fields.String(validate=validate.Length(min=1, max=500)),
                          load_default=list)
    position = fields.Integer(load_default=0)
    active = fields.Boolean(load_default=True)

    @post_load
    def _choices(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        if data["type"] == "choice" and not data["choices"]:
            raise ValidationError({"choices": [_("A choice field needs at least one choice.")]})
        if data["type"] != "choice":
            data["choices"] = []
        return data
