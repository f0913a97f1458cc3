"""marshmallow's built-in error messages in the reader's language.

marshmallow writes its messages in English and fills in the values ("Longer than maximum
length 200.") before Kontora sees them. ``translate_validation_message`` recognises each
built-in message by its English template, translates the template and fills the same values
back in; a message it does not know (a plugin's own, already translated) passes unchanged.
Services call it where marshmallow's errors become a :class:`core.errors.ValidationError`.
"""

from __future__ import annotations

import functools
import re

from core.i18n import gettext


def N_(text: str) -> str:
    """Mark ``text`` for extraction only; it is translated later, when matched."""
    return text


TEMPLATES = (
    N_("Missing data for required field."),
    N_("Field may not be null."),
    N_("Invalid value."),
    N_("Invalid input."),
    N_("Invalid input type."),
    N_("Invalid type."),
    N_("Unknown field."),
    N_("Not a valid string."),
    N_("Not a valid integer."),
    N_("Not a valid number."),
    N_("Number too large."),
    N_("Not a valid boolean."),
    N_("Not a valid date."),
    N_("Not a valid datetime."),
    N_("Not a valid time."),
    N_("Not a valid aware datetime."),
    N_("Not a valid naive datetime."),
    N_("Not a valid period of time."),
    N_("Not a valid email address."),
    N_("Not a valid URL."),
    N_("Not a valid UUID."),
    N_("Not a valid list."),
    N_("Not a valid mapping type."),
    N_("Special numeric values (nan or infinity) are not permitted."),
    N_("Must be one of: {choices}."),
    N_("Must be equal to {other}."),
    N_("String does not match expected pattern."),
    N_("Shorter than minimum length {min}."),
    N_("Longer than maximum length {max}."),
    N_("Length must be between {min} and {max}."),
    N_("Length must be {equal}."),
    N_("Must be greater than or equal to {min}."),
    N_("Must be greater than {min}."),
    N_("Must be less than or equal to {max}."),
    N_("Must be less than {max}."),
    N_("Must be greater than or equal to {min} and less than or equal to {max}."),
    N_("Must be greater than {min} and less than {max}."),
    N_("Must be greater than or equal to {min} and less than {max}."),
    N_("Must be greater than {min} and less than or equal to {max}."),
    N_("One or more of the choices you made was not in: {choices}."),
    N_("One or more of the choices you made was in: {values}."),
)
"""marshmallow 3's default messages, Range's spelled out for each kind of bound."""

_FIELD = re.compile(r"\{(\w+)\}")


@functools.cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """Most literal text first, so "greater than or equal to {min}" wins over "greater than
    {min}" (whose value would otherwise swallow "or equal to 5")."""
    compiled = []
    for template in sorted(TEMPLATES, key=lambda t: -len(_FIELD.sub("", t))):
        parts = _FIELD.split(template)  # text, name, text, name, ..., text
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)"
                        for i, p in enumerate(parts))
        compiled.append((re.compile(regex, re.DOTALL), template))
    return compiled


def translate_validation_message(message: str) -> str:
    """``message`` in the current language when it is one of marshmallow's own."""
    for pattern, template in _patterns():
        found = pattern.fullmatch(message)
        if found:
            return gettext(template).format(**found.groupdict())
    return message
