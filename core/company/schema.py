"""What the company profile accepts: one schema for the admin page and the REST API.

Identifiers are checked by the profile's country with python-stdnum (``core.identifiers``)
and stored compact; IBANs are checked everywhere. Images are recognised by their first
bytes, never by the name or the type the browser claims.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from core import identifiers
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l

KINDS = {"legal_entity": _l("Company"), "sole_trader": _l("Sole trader (PFA, ET, IP)")}
MAX_IMAGE = 512 * 1024
IDENTIFIER_FIELDS = ("tax_id", "vat_number", "trade_register_no")


def _text(size: int, *rules: Any, **kw: Any) -> fields.String:
    return fields.String(validate=[validate.Length(max=size), *rules], **kw)


def _optional(size: int) -> fields.String:
    return _text(size, allow_none=True, load_default=None)


class CompanyBankAccountSchema(Schema):
    bank = _text(200, load_default="")
    iban = fields.String(required=True, validate=validate.Length(min=1, max=42))
    bic = _text(11, validate.Regexp(r"^([A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?)?$",
                                    error=_l("A BIC has 8 or 11 letters and digits.")),
                load_default="")
    currency = _text(3, validate.Regexp(r"^([A-Z]{3})?$",
                                        error=_l("A currency is three capital letters, like RON.")),
                     load_default="")

    @post_load
    def compact(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        try:
            data["iban"] = identifiers.normalise("iban", None, data["iban"])
        except identifiers.IdentifierError as exc:
            raise ValidationError({"iban": [exc.message]}) from None
        data["bic"] = data["bic"].upper()
        return data


class CompanyProfileSchema(Schema):
    """The profile's fields; ``bank_accounts`` lists the accounts printed on documents."""

    name = _text(200, required=True, metadata={"description": "The legal name."})
    kind = fields.String(load_default="legal_entity", validate=validate.OneOf(list(KINDS)))
    country = fields.String(load_default="RO", validate=validate.Regexp(
        r"^[A-Z]{2}$", error=_l("A country is two capital letters, like RO.")))
    tax_id = _optional(32)
    vat_number = _optional(32)
    currency = fields.String(load_default="RON", validate=validate.Regexp(
        r"^[A-Z]{3}$", error=_l("A currency is three capital letters, like RON.")),
        metadata={"description": "The accounting currency (RON, BGN, RUB...)."})
    vat_payer = fields.Boolean(load_default=True)
    trade_register_no = _optional(64)
    street = _text(200, load_default="")
    city = _text(100, load_default="")
    region = _optional(100)
    postal_code = _optional(20)
    email = fields.Email(allow_none=True, load_default=None, validate=validate.Length(max=254))
    phone = _optional(40)
    website = fields.URL(allow_none=True, load_default=None, schemes={"http", "https"},
                         validate=validate.Length(max=200))
    details = _text(2000, load_default="")
    bank_accounts = fields.List(fields.Nested(CompanyBankAccountSchema), load_default=list,
                                validate=validate.Length(max=10))

    @validates_schema(skip_on_field_errors=False)
    def check_identifiers(self, data: dict[str, Any], **_kw: Any) -> None:
        errors = {}
        for field in IDENTIFIER_FIELDS:
            try:
                identifiers.normalise(field, data.get("country"), data.get(field))
            except identifiers.IdentifierError as exc:
                errors[field] = [exc.message]
        if errors:
            raise ValidationError(errors)

    @post_load
    def compact(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        for field in IDENTIFIER_FIELDS:
            data[field] = identifiers.normalise(field, data["country"], data[field])
        return data


def image_type(content: bytes) -> str | None:
    """The image type ``content`` really is (PNG, JPEG, GIF, WebP, SVG), or None."""
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    head = content[:1024].lstrip().lower()
    if (head.startswith(b"<svg") or head.startswith(b"<?xml")) and b"<svg" in head:
        return "image/svg+xml"
    return None


def image_problem(content: bytes) -> str | None:
    """Why ``content`` cannot be a logo or stamp, or None when it can."""
    if len(content) > MAX_IMAGE or image_type(content) is None:
        return _("A PNG, JPEG, GIF, WebP or SVG image of at most 512 KB.")
    return None
