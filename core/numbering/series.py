"""Series administration: create and change series, seed the defaults plugins declare."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from marshmallow import Schema, fields, validate
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.db import session
from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _
from core.numbering.models import IssuedNumber, NumberSeries
from core.numbering.patterns import validate_pattern
from core.services.helpers import service
from core.services.helpers import validate as load_input

ADMIN_PERMISSION = "core.numbering.admin"
AUDIT_PERMISSION = "core.numbering.audit"
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


class SeriesSchema(Schema):
    """A series as admins and the API see it."""

    id = fields.Integer(dump_only=True)
    code = fields.String(required=True, validate=[validate.Length(1, 40),
                                                  validate.Regexp(CODE)])
    kind = fields.String(required=True, validate=validate.Length(1, 64))
    label = fields.String(required=True, validate=validate.Length(1, 200))
    pattern = fields.String(required=True, validate=validate.Length(1, 100))
    yearly_reset = fields.Boolean(load_default=True)
    active = fields.Boolean(load_default=True)


def series_by_code(code: str) -> NumberSeries:
    series = session().scalars(select(NumberSeries).where(NumberSeries.code == code)).first()
    if series is None:
        raise NotFound(_("There is no numbering series %(code)s.", code=code))
    return series


@service(ADMIN_PERMISSION)
def create_series(principal: Any, data: Mapping[str, Any]) -> NumberSeries:
    values = load_input(SeriesSchema(), data)
    validate_pattern(values["pattern"], yearly_reset=values["yearly_reset"])
    sess = session()
    if sess.scalar(select(NumberSeries.id).where(NumberSeries.code == values["code"])):
        raise ValidationError(_("Some fields are not valid."),
                              fields={"code": [_("A series with this code exists.")]})
    series = NumberSeries(**values)
    sess.add(series)
    sess.flush()
    return series


@service(ADMIN_PERMISSION)
def update_series(principal: Any, code: str, data: Mapping[str, Any]) -> NumberSeries:
    """Change a series; the code and the kind stay once numbers were issued."""
    series = series_by_code(code)
    values = load_input(SeriesSchema(), data, partial=True)
    if values.get("code", code) != code and issued_count(series):
        raise Conflict(_("Numbers were issued in this series; its code stays."))
    merged = {"pattern": series.pattern, "yearly_reset": series.yearly_reset, **values}
    validate_pattern(merged["pattern"], yearly_reset=merged["yearly_reset"])
    if values.get("yearly_reset", series.yearly_reset) != series.yearly_reset \
            and issued_count(series):
        raise Conflict(_("Numbers were issued in this series; it cannot change between "
                         "yearly and continuous numbering. Start a new series instead."))
    for key, value in values.items():
        setattr(series, key, value)
    session().flush()
    return series


def issued_count(series: NumberSeries) -> int:
    return session().scalar(select(func.count()).select_from(IssuedNumber)
                            .where(IssuedNumber.series_id == series.id)) or 0


def seed_series(sess: Session, defaults: list[Mapping[str, Any]]) -> list[str]:
    """Create the declared series that do not exist yet; the codes created."""
    existing = set(sess.scalars(select(NumberSeries.code)))
    created = []
    for default in defaults:
        code = default["code"]
        if code in existing:
            continue
        yearly = bool(default.get("yearly_reset", True))
        validate_pattern(default["pattern"], yearly_reset=yearly)
        sess.add(NumberSeries(code=code, kind=default["kind"], label=str(default["label"]),
                              pattern=default["pattern"], yearly_reset=yearly, active=True))
        existing.add(code)
        created.append(code)
    sess.flush()
    return created
