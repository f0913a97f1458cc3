"""Input and output of billing schedules (services, the staff form and the API)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.i18n import lazy_gettext as _l


class ScheduleSchema(Schema):
    """Invoice the record monthly on ``day_of_month`` (1-28, so every month has it) from
    ``start_date``; its own lines, or one line of ``amount`` at ``vat_rate`` when given."""

    id = fields.Integer(dump_only=True)
    source_kind = fields.String(dump_only=True)
    source_id = fields.Integer(dump_only=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(load_default=None, allow_none=True)
    day_of_month = fields.Integer(load_default=1, validate=validate.Range(min=1, max=28))
    amount = fields.Decimal(places=2, as_string=True, allow_nan=False, load_default=None,
                            allow_none=True,
                            validate=validate.Range(min=Decimal("0.01"), max=Decimal("1e12")))
    vat_rate = fields.Decimal(places=2, as_string=True, allow_nan=False, load_default=None,
                              allow_none=True,
                              validate=validate.Range(min=Decimal(0), max=Decimal(100)))
    issue = fields.Boolean(load_default=False)
    series = fields.String(load_default=None, allow_none=True,
                           validate=validate.Length(min=1, max=40))
    active = fields.Boolean(dump_only=True)

    @validates_schema
    def _check(self, data: dict[str, Any], **_kw: Any) -> None:
        end, start = data.get("end_date"), data.get("start_date")
        if end is not None and start is not None and end < start:
            raise ValidationError(_l("The end date comes before the start date."), "end_date")
        if data.get("amount") is not None and data.get("vat_rate") is None:
            raise ValidationError(_l("Give the VAT rate of the amount."), "vat_rate")
