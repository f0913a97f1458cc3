"""The amount in words, as Romanian, Bulgarian and Russian invoices print it.

The three languages agree the number with the currency's gender ("o rublă", "одна копейка",
"една стотинка") and choose the noun's form by the number ("de lei", "рубля"/"рублей"), so
they are spelled here from one table of forms per currency: num2words spells Romanian and
Russian cardinals, ``words_bg`` the Bulgarian ones (num2words has no Bulgarian). Any other
language, or a currency missing from the table, goes through num2words' currency mode.
num2words is imported on first use: its 60 language modules cost every process a few MiB,
and only printing an invoice needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from plugins.invoicing.words_bg import cardinal_bg

# language -> currency -> ((major forms), major gender, (minor forms), minor gender).
# Forms: Romanian one / 2-19 / 20+ ("de"); Russian 1 / 2-4 / 5+; Bulgarian 1 / other.
Forms = tuple[tuple[str, ...], str, tuple[str, ...], str]
CURRENCY_FORMS: dict[str, dict[str, Forms]] = {
    "ro": {
        "RON": (("leu", "lei", "de lei"), "m", ("ban", "bani", "de bani"), "m"),
        "EUR": (("euro", "euro", "de euro"), "m", ("eurocent", "eurocenți", "de eurocenți"), "m"),
        "USD": (("dolar", "dolari", "de dolari"), "m", ("cent", "cenți", "de cenți"), "m"),
        "BGN": (("leva", "leva", "de leva"), "f", ("stotinka", "stotinki", "de stotinki"), "f"),
        "RUB": (("rublă", "ruble", "de ruble"), "f", ("copeică", "copeici", "de copeici"), "f"),
    },
    "ru": {
        "RUB": (("рубль", "рубля", "рублей"), "m", ("копейка", "копейки", "копеек"), "f"),
        "EUR": (("евро", "евро", "евро"), "m", ("цент", "цента", "центов"), "m"),
        "USD": (("доллар", "доллара", "долларов"), "m", ("цент", "цента", "центов"), "m"),
        "RON": (("лей", "лея", "леев"), "m", ("бан", "бана", "банов"), "m"),
        "BGN": (("лев", "лева", "левов"), "m", ("стотинка", "стотинки", "стотинок"), "f"),
    },
    "bg": {
        "BGN": (("лев", "лева"), "m", ("стотинка", "стотинки"), "f"),
        "EUR": (("евро", "евро"), "n", ("цент", "цента"), "m"),
        "USD": (("долар", "долара"), "m", ("цент", "цента"), "m"),
        "RON": (("лей", "лея"), "m", ("бан", "бана"), "m"),
        "RUB": (("рубла", "рубли"), "f", ("копейка", "копейки"), "f"),
    },
}
SEPARATOR = {"ro": " și ", "ru": ", ", "bg": " и "}


def num2words(number: object, **kwargs: object) -> str:
    """num2words, imported on first use (see the module's docstring)."""
    from num2words import num2words as spell

    return spell(number, **kwargs)


MINUS = {"ro": "minus ", "ru": "минус ", "bg": "минус "}


def _form_ro(number: int) -> int:
    return 0 if number == 1 else 1 if number == 0 or 0 < number % 100 < 20 else 2


def _form_ru(number: int) -> int:
    if number % 10 == 1 and number % 100 != 11:
        return 0
    return 1 if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14 else 2


def _cardinal_ro(number: int, gender: str) -> str:
    if number == 1:
        return "un" if gender == "m" else "o"
    words = num2words(number, lang="ro")
    last = words.rsplit(" ", 1)[-1]
    if gender == "f" and last in ("unu", "doi"):
        words = words[: -len(last)] + {"unu": "una", "doi": "două"}[last]
    return words


SPELL: dict[str, tuple[Callable[[int, str], str], Callable[[int], int]]] = {
    "ro": (_cardinal_ro, _form_ro),
    "ru": (lambda n, g: num2words(n, lang="ru", gender=g), _form_ru),
    "bg": (cardinal_bg, lambda n: 0 if n == 1 else 1),
}


def amount_in_words(amount: Decimal, currency: str, language: str) -> str:
    """``amount`` of ``currency`` spelled in ``language`` (``ro``, ``bg``, ``ru``, ``en``)."""
    value = abs(amount).quantize(Decimal("0.01"))
    units, cents = divmod(int(value * 100), 100)
    forms = CURRENCY_FORMS.get(language, {}).get(currency)
    if forms is None:
        return _fallback(amount, value, currency, language)
    cardinal, form = SPELL[language]
    major, major_gender, minor, minor_gender = forms
    sign = MINUS[language] if amount < 0 else ""
    return (
        f"{sign}{cardinal(units, major_gender)} {major[form(units)]}{SEPARATOR[language]}"
        f"{cardinal(cents, minor_gender)} {minor[form(cents)]}"
    )


def _fallback(amount: Decimal, value: Decimal, currency: str, language: str) -> str:
    """num2words' own currency mode, or the cardinal and the ISO code it does not know."""
    lang = language if language in ("ro", "ru", "en") else "en"
    sign = MINUS.get(lang, "minus ") if amount < 0 else ""
    try:
        spelled = num2words(value, lang=lang, to="currency", currency=currency)
        return sign + spelled.replace("una mie", "o mie")  # num2words' Romanian slip
    except (NotImplementedError, IndexError, KeyError):
        units, cents = divmod(int(value * 100), 100)
        return f"{sign}{num2words(units, lang=lang)} {currency}, {cents:02d}/100"
