"""Amounts in words agree number and gender with the currency in ro, ru and bg."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plugins.invoicing.words import amount_in_words


@pytest.mark.parametrize(
    ("amount", "currency", "language", "words"),
    [
        (
            "1234.56",
            "RON",
            "ro",
            "o mie două sute treizeci și patru de lei și cincizeci și șase de bani",
        ),
        ("1.01", "RON", "ro", "un leu și un ban"),
        ("12.02", "EUR", "ro", "doisprezece euro și doi eurocenți"),
        ("22.01", "RUB", "ro", "douăzeci și două de ruble și o copeică"),
        ("-2.00", "RON", "ro", "minus doi lei și zero bani"),
        ("21.00", "RUB", "ru", "двадцать один рубль, ноль копеек"),
        ("1002.22", "RUB", "ru", "одна тысяча два рубля, двадцать две копейки"),
        ("5.11", "EUR", "ru", "пять евро, одиннадцать центов"),
        ("1201.01", "BGN", "bg", "хиляда двеста и един лева и една стотинка"),
        ("1.02", "BGN", "bg", "един лев и две стотинки"),
        ("2.01", "EUR", "bg", "две евро и един цент"),
        ("1200.00", "BGN", "bg", "хиляда и двеста лева и нула стотинки"),
        ("21000.50", "EUR", "bg", "двадесет и една хиляди евро и петдесет цента"),
        ("1200000.10", "BGN", "bg", "един милион и двеста хиляди лева и десет стотинки"),
        (
            "2345678.99",
            "BGN",
            "bg",
            "два милиона триста четиридесет и пет хиляди шестстотин "
            "седемдесет и осем лева и деветдесет и девет стотинки",
        ),
        ("-125.00", "BGN", "bg", "минус сто двадесет и пет лева и нула стотинки"),
        ("1000.05", "GBP", "bg", "one thousand pounds sterling, five pence"),
    ],
)
def test_amounts_in_words_in_the_documents_language(
    amount: str, currency: str, language: str, words: str
) -> None:
    assert amount_in_words(Decimal(amount), currency, language) == words
