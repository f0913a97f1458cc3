"""What every ``leads`` service shares: loading a lead within the record rules, validating."""

from __future__ import annotations

from typing import Any

import marshmallow

from core.services import load_record, validate
from plugins.leads.kinds import LEAD_KIND
from plugins.leads.models import Lead


def load_lead(principal: Any, lead_id: int, action: str = "read") -> Lead:
    """The lead, if ``principal`` may ``action`` it (404 outside the read scope, 403 when
    readable but not writable)."""
    return load_record(principal, LEAD_KIND, lead_id, action)


def check_version(lead: Lead, expected: int | None) -> None:
    from plugins.leads.exceptions import StaleLead

    if expected is not None and lead.version != expected:
        raise StaleLead()


def load(schema: marshmallow.Schema, data: Any, *, partial: bool = False) -> dict[str, Any]:
    """``schema.load(data)`` with NUL characters refused; errors are a 422 naming fields."""
    return validate(schema, data, partial=partial)
