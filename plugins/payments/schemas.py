"""Marshmallow schemas of payments: input for services, forms and the API, and output."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.i18n import gettext as _

MAX_ID = 2147483647
MAX_AMOUNT = Decimal("1e12")
METHODS = ("transfer", "cash", "pos")
"""Methods staff enter by hand; ``card`` comes from a provider, ``manual`` from
"mark as paid"."""
ALL_METHODS = (*METHODS, "card", "manual")
PAYABLE_KINDS = ("invoicing.invoice",)


def _cents(value: Decimal) -> None:
    if not value.is_finite() or value.copy_abs() > MAX_AMOUNT:
        return  # the range check reports it (quantizing it would overflow)
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(_("Give at most two decimals."))


def money(**kwargs: Any) -> fields.Decimal:
    """An amount: positive, at most two decimals, kept exact (never rounded)."""
    return fields.Decimal(as_string=True, allow_nan=False, validate=[
        validate.Range(min=Decimal("0.01"), max=MAX_AMOUNT), _cents], **kwargs)


def _id(**kwargs: Any) -> fields.Integer:
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class AllocationSchema(Schema):
    """Part of a payment settling a document; without ``amount``, what is open on it (up to
    what is left of the payment)."""

    record_kind = fields.String(load_default="invoicing.invoice",
                                validate=validate.OneOf(PAYABLE_KINDS))
    record_id = _id(required=True)
    amount = money(load_default=None, allow_none=True)


class AllocationsSchema(Schema):
    allocations = fields.List(fields.Nested(AllocationSchema), required=True,
                              validate=validate.Length(min=1, max=200))


class PaymentSchema(Schema):
    """A payment entered by staff: a bank transfer, cash or a POS payment."""

    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    party_id = _id(required=True)
    method = fields.String(required=True, validate=validate.OneOf(METHODS),
                           metadata={"description": "transfer, cash or pos; card payments "
                                     "come from the provider, manual ones from mark-paid."})
    amount = money(required=True)
    currency = fields.String(required=True, validate=validate.Regexp(r"^[A-Z]{3}$"))
    paid_on = fields.Date(required=True)
    reference = fields.String(allow_none=True, load_default=None,
                              validate=validate.Length(max=140),
                              metadata={"description": "The transfer's reference or the "
                                        "POS transaction number (required for pos)."})
    notes = fields.String(allow_none=True, load_default=None,
                          validate=validate.Length(max=2000))
    allocations = fields.List(fields.Nested(AllocationSchema), load_default=list,
                              validate=validate.Length(max=200))
    receipt_number = fields.String(dump_only=True)
    provider = fields.String(dump_only=True)
    external_id = fields.String(dump_only=True)
    allocated = fields.Decimal(as_string=True, dump_only=True)
    unallocated = fields.Decimal(as_string=True, dump_only=True)
    owner_id = fields.Integer(dump_only=True)
    created_at = fields.DateTime(dump_only=True)

    @validates_schema
    def _check(self, data: dict[str, Any], **_kw: Any) -> None:
        if data.get("method") == "pos" and not (data.get("reference") or "").strip():
            raise ValidationError(_("Give the POS transaction number."), "reference")
        records = [(a["record_kind"], a["record_id"]) for a in data.get("allocations", [])]
        if len(records) != len(set(records)):
            raise ValidationError(_("Name each document once."), "allocations")


class MarkPaidSchema(Schema):
    paid_on = fields.Date(load_default=None, allow_none=True)
    notes = fields.String(allow_none=True, load_default=None,
                          validate=validate.Length(max=2000))


class PaymentStatusSchema(Schema):
    record_kind = fields.String()
    record_id = fields.Integer()
    status = fields.String()
    currency = fields.String()
    total = fields.Decimal(as_string=True)
    paid = fields.Decimal(as_string=True)
    open = fields.Decimal(as_string=True)
    due_date = fields.Date(allow_none=True)
