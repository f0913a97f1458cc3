"""Reading a posted questionnaire form, for the e-mailed link's page and the client portal."""

from __future__ import annotations

from typing import Any


def answers_from(form: Any, questions: list[dict[str, Any]]) -> tuple[dict[str, Any],
                                                                       dict[str, Any]]:
    """``(values, answers)``: the values of the questions (a list for ``multi_choice``),
    to show again, and everything posted but the CSRF token, for the service to check
    (which refuses a field no question has)."""
    values = {q["key"]: (form.getlist(q["key"]) if q["type"] == "multi_choice"
                         else form.get(q["key"], "")) for q in questions}
    extra = {k: form.get(k) for k in form if k not in values and k != "csrf_token"}
    return values, {**values, **extra}
