"""Reading back a switch of ``macros/forms.html`` (``render_field(..., type="checkbox")``)."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict


def switch_on(form: MultiDict, name: str) -> bool:
    """Whether the switch ``name`` was on.

    The switch posts a hidden ``false`` and, when on, a ``true`` after it (so that "off" is
    sent at all): ``form.get(name)`` is therefore always ``"false"``, the first value.
    """
    return "true" in form.getlist(name)
