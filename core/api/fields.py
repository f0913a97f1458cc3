"""marshmallow fields for schemas only the JSON API loads (no HTML form posts to them)."""

from __future__ import annotations

from typing import Any

from marshmallow import fields


class JsonBoolean(fields.Boolean):
    """``true`` or ``false`` and nothing else: JSON has booleans, so ``0``, ``"yes"`` or
    ``"false"`` is a mistake to name, not a guess (marshmallow's Boolean takes them all, as
    HTML forms need)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value
