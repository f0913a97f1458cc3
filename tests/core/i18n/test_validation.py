"""marshmallow's own error messages come out in the reader's language, values kept."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask_babel import force_locale
from marshmallow import Schema, ValidationError, fields, validate

from core.i18n.validation import TEMPLATES, translate_validation_message


class Invoice(Schema):
    number = fields.String(required=True, validate=validate.Length(max=5))
    total = fields.Decimal(validate=validate.Range(min=Decimal(0), max=Decimal(1000)))
    quantity = fields.Integer(validate=validate.Range(min=1))
    currency = fields.String(validate=validate.OneOf(["RON", "EUR"]))


def errors_of(data: dict) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        Invoice().load(data)
    return {name: translate_validation_message(messages[0])
            for name, messages in caught.value.messages.items()}


def test_real_marshmallow_errors_in_russian(make_app) -> None:
    app = make_app(plugins="sample")
    data = {"number": "ABCDEFG", "total": "5000", "quantity": 0, "currency": "USD", "x": 1}
    with app.test_request_context("/"), force_locale("ru"):
        assert errors_of(data) == {
            "number": "Длиннее максимальной длины 5.",
            "total": "Должно быть от 0 до 1000 включительно.",
            "quantity": "Должно быть не меньше 1.",
            "currency": "Допустимые значения: RON, EUR.",
            "x": "Неизвестное поле.",
        }
        assert errors_of({"total": "abc"})["number"] == "Обязательное поле."


def test_romanian_and_unknown_messages(make_app) -> None:
    app = make_app(plugins="sample")
    with app.test_request_context("/"), force_locale("ro"):
        assert translate_validation_message("Not a valid number.") == "Nu este un număr valid."
        assert translate_validation_message("Must be greater than 3 and less than 9.") == \
            "Trebuie să fie mai mare decât 3 și mai mic decât 9."
        assert translate_validation_message("Our own message.") == "Our own message."


def test_english_and_no_context_leave_messages_as_they_are() -> None:
    assert all(translate_validation_message(t) == t for t in TEMPLATES if "{" not in t)
    assert translate_validation_message("Longer than maximum length 5.") == \
        "Longer than maximum length 5."
