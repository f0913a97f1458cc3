"""marshmallow fields for the API's schemas: what a field takes is what the document says."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from core.api.blueprint import MAX_RECORD_ID
from core.i18n import lazy_gettext as _l


class RecordId(fields.Integer):
    """The id of a record (a reference such as ``owner_id``): 1 to 2^31-1.

    A larger number fits no PostgreSQL integer column, and the database would refuse it
    with an error naming no field; here it is a 422 naming the field, and the document
    states the range. Fine for form posts too.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.insert(0, validate.Range(min=1, max=MAX_RECORD_ID,
                                                 error=_l("Give the id of a record.")))


class JsonBoolean(fields.Boolean):  # only for schemas no HTML form posts to
    """``true`` or ``false`` and nothing else: JSON has booleans, so ``0``, ``"yes"`` or
    ``"false"`` is a mistake to name, not a guess (marshmallow's Boolean takes them all, as
    HTML forms need)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value
