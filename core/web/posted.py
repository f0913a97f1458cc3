"""Reading back a posted action form (a record's transition button and its fields)."""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

FORM_OWN = ("csrf_token", "version")
"""What every action form carries for the web layer itself: the CSRF token, and the record's
version, which the view hands to the service as ``expected_version``."""


def action_fields(form: MultiDict) -> dict[str, Any]:
    """The fields a posted action form carries for the service, without the form's own
    (a service's schema refuses unknown fields, so passing the token along failed the move).
    """
    return {name: value for name, value in form.items() if name not in FORM_OWN}
