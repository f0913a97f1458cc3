"""Tags, groups, relationship type, loyalty, size and admin-defined custom fields."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from sqlalchemy import select

from core.db import session
from core.i18n import gettext as _
from core.permissions import ADMIN_PERMISSION, require
from plugins.parties.exceptions import CustomFieldCodeTaken, InvalidClientData
from plugins.parties.models import Client, CustomField, CustomValue, Tag
from plugins.parties.schemas import CustomFieldSchema
from plugins.parties.services.common import act_as, validate

CATEGORY_FIELDS = ("tags", "group_id", "relationship_type", "loyalty", "size")


def categorise(principal: Any, client_id: int, *, expected_version: int | None = None,
               **categories: Any) -> Client:
    """Set any of ``tags`` (names), ``group_id``, ``relationship_type``, ``loyalty``, ``size``."""
    from plugins.parties.services.clients import update_client

    unknown = set(categories) - set(CATEGORY_FIELDS)
    if unknown:
        raise InvalidClientData({k: [_("Not a category.")] for k in sorted(unknown)})
    return update_client(principal, client_id, categories, expected_version=expected_version)


def set_custom_values(principal: Any, client_id: int, values: dict[str, Any]) -> Client:
    """Set custom field values by field code; ``None`` or ``""`` clears a value."""
    from plugins.parties.services.clients import update_client

    return update_client(principal, client_id, {"custom": values})


def define_custom_field(principal: Any, data: dict[str, Any]) -> CustomField:
    """Add a custom client field (administrators only)."""
    require(principal, ADMIN_PERMISSION)
    act_as(principal)
    values = validate(CustomFieldSchema(), data)
    if session().scalar(select(CustomField.id).where(CustomField.code == values["code"])):
        raise CustomFieldCodeTaken(values["code"])
    field = CustomField(**values)
    session().add(field)
    session().flush()
    return field


def apply_tags(client: Client, names: list[str]) -> bool:
    """Give ``client`` exactly the tags ``names``, creating unknown ones; True if changed."""
    wanted = {n.strip() for n in names if n.strip()}
    if wanted == {t.name for t in client.tags}:
        return False
    existing = {t.name: t for t in session().scalars(select(Tag).where(Tag.name.in_(wanted)))}
    for name in sorted(wanted - set(existing)):
        existing[name] = Tag(name=name)
        session().add(existing[name])
    client.tags = [existing[n] for n in sorted(wanted)]
    return True


def apply_custom_values(client: Client, raw: dict[str, Any]) -> list[str]:
    """Store ``raw`` (code -> value) in the typed value table; return the codes changed."""
    fields = {f.code: f for f in session().scalars(
        select(CustomField).where(CustomField.code.in_(list(raw)), CustomField.active))}
    errors = {f"custom.{code}": [_("No such custom field.")] for code in raw if code not in fields}
    typed: dict[str, Any] = {}
    for code, field in fields.items():
        try:
            typed[code] = coerce_custom(field, raw[code])
        except ValueError as exc:
            errors[f"custom.{code}"] = [str(exc)]
    if errors:
        raise InvalidClientData(errors)
    current = {v.field_id: v for v in client.custom_values}
    changed = []
    for code, value in typed.items():
        field = fields[code]
        row = current.get(field.id)
        if value is None:
            if row is not None:
                client.custom_values.remove(row)
                changed.append(code)
            continue
        if row is None:
            row = CustomValue(field=field)
            client.custom_values.append(row)
        elif getattr(row, field.value_column) == value:
            continue
        setattr(row, field.value_column, value)
        changed.append(code)
    return changed


def coerce_custom(field: CustomField, value: Any) -> Any:
    """``value`` as the Python type of ``field`` (``None`` for empty); ValueError if it is not."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field.type == "number":
        if isinstance(value, bool):
            raise ValueError(_("Enter a number."))
        try:
            number = float(str(value).replace(",", ".").strip())
        except ValueError:
            raise ValueError(_("Enter a number.")) from None
        if not math.isfinite(number):
            raise ValueError(_("Enter a number."))
        return number
    if field.type == "date":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(_("Enter a date as YYYY-MM-DD.")) from None
    text = str(value).strip()
    if field.type == "choice" and text not in field.choices:
        raise ValueError(_("Choose one of: %(choices)s.", choices=", ".join(field.choices)))
    if len(text) > 500:
        raise ValueError(_("At most 500 characters."))
    return text

