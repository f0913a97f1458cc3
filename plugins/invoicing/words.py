"""The amount in words, as Romanian, Bulgarian and Russian invoices print it.

num2words spells the numbers. Its currency mode knows only some currencies per language
(Romanian knows lei, Russian knows roubles, euros and dollars), so the whole units are
spelled as a cardinal and the currency named from our own table when it cannot; Bulgarian
is not among num2words' languages, so a Bulgarian document spells in English and says so in
``docs/plugins/invoicing.md``. It is imported on first use: its 60 language modules cost
every process a few MiB, and only printing an invoice needs them.
"""

from __future__ import annotations

from decimal import Decimal

CURRENCY_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "ro": {"RON": ("lei", "bani"), "EUR": ("euro", "eurocenți"), "USD": ("dolari", "cenți"),
           "BGN": ("leva", "stotinki"), "RUB": ("ruble", "copeici")},
    "ru": {"RON": ("лей", "бань"), "BGN": ("лев", "стотинок")},
    "en": {"RON": ("lei", "bani"), "BGN": ("leva", "stotinki"), "EUR": ("euro", "cents"),
           "USD": ("dollars", "cents"), "RUB": ("roubles", "kopecks")},
}
SPELLED = {"ro", "ru", "en"}


def amount_in_words(amount: Decimal, currency: str, language: str) -> str:
    """``amount`` of ``currency`` spelled in ``language`` (``ro``, ``bg``, ``ru``, ``en``)."""
    from num2words import num2words

    lang = language if language in SPELLED else "en"
    value = abs(amount).quantize(Decimal("0.01"))
    sign = "minus " if amount < 0 and lang != "ru" else ("минус " if amount < 0 else "")
    try:
        return sign + num2words(value, lang=lang, to="currency", currency=currency)
    except (NotImplementedError, IndexError, KeyError):
        pass
    units, cents = divmod(int(value * 100), 100)
    whole, minor = CURRENCY_NAMES.get(lang, {}).get(currency, (currency, f"1/100 {currency}"))
    return f"{sign}{num2words(units, lang=lang)} {whole}, {num2words(cents, lang=lang)} {minor}"
