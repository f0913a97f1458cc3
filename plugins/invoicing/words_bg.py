"""Bulgarian cardinal numbers, which num2words does not know.

Bulgarian marks the gender of one and two (един/една/едно, два/две) and joins the last
member of a number with "и": "сто двадесет и пет", "хиляда и двеста", "две хиляди двеста и
едно". The rule for "и" between groups: it comes before the last group only when that
group has no "и" of its own ("хиляда и пет", "един милион и двеста хиляди", but "хиляда
двеста и пет").
"""

from __future__ import annotations

ONE = {"m": "един", "f": "една", "n": "едно"}
TWO = {"m": "два", "f": "две", "n": "две"}
UNITS = ["", "", "", "три", "четири", "пет", "шест", "седем", "осем", "девет"]
TEENS = [
    "десет",
    "единадесет",
    "дванадесет",
    "тринадесет",
    "четиринадесет",
    "петнадесет",
    "шестнадесет",
    "седемнадесет",
    "осемнадесет",
    "деветнадесет",
]
TENS = [
    "",
    "",
    "двадесет",
    "тридесет",
    "четиридесет",
    "петдесет",
    "шестдесет",
    "седемдесет",
    "осемдесет",
    "деветдесет",
]
HUNDREDS = [
    "",
    "сто",
    "двеста",
    "триста",
    "четиристотин",
    "петстотин",
    "шестстотин",
    "седемстотин",
    "осемстотин",
    "деветстотин",
]


def _unit(digit: int, gender: str) -> str:
    return ONE[gender] if digit == 1 else TWO[gender] if digit == 2 else UNITS[digit]


def _below_thousand(number: int, gender: str) -> list[str]:
    """The words of 1..999, with "и" before the last of them."""
    hundreds, rest = divmod(number, 100)
    words = [HUNDREDS[hundreds]] if hundreds else []
    if 0 < rest < 10:
        words.append(_unit(rest, gender))
    elif 10 <= rest < 20:
        words.append(TEENS[rest - 10])
    elif rest:
        tens, digit = divmod(rest, 10)
        words += [TENS[tens]] + ([_unit(digit, gender)] if digit else [])
    return [*words[:-1], "и", words[-1]] if len(words) > 1 else words


def cardinal_bg(number: int, gender: str = "m") -> str:
    """``number`` (0 <= number < 10**12) in Bulgarian words; ``gender`` is m, f or n."""
    if number == 0:
        return "нула"
    billions, rest = divmod(number, 10**9)
    millions, rest = divmod(rest, 10**6)
    thousands, units = divmod(rest, 1000)
    groups: list[list[str]] = []
    for count, one, many in (
        (billions, "един милиард", "милиарда"),
        (millions, "един милион", "милиона"),
    ):
        if count:
            groups.append([one] if count == 1 else [*_below_thousand(count, "m"), many])
    if thousands:
        groups.append(
            ["хиляда"] if thousands == 1 else [*_below_thousand(thousands, "f"), "хиляди"]
        )
    if units:
        groups.append(_below_thousand(units, gender))
    if len(groups) > 1 and "и" not in groups[-1]:
        groups[-1] = ["и", *groups[-1]]
    return " ".join(word for group in groups for word in group)
