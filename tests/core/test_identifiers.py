"""Identifier validation by country: the table of valid and invalid numbers, normalised."""

from __future__ import annotations

import pytest

from core.identifiers import IdentifierError, normalise

VALID = [
    # field, country, typed, stored
    ("tax_id", "RO", "RO 185 472 90", "18547290"),
    ("tax_id", "RO", "18547290", "18547290"),
    ("vat_number", "RO", "185 472 90", "RO18547290"),
    ("vat_number", "RO", "ro18547290", "RO18547290"),
    ("personal_id", "RO", "1630615123457", "1630615123457"),
    ("trade_register_no", "RO", "J52/750/2012", "J52/750/2012"),
    ("trade_register_no", "RO", "J2012000750528", "J2012000750528"),
    ("tax_id", "BG", "175074752", "175074752"),
    ("tax_id", "BG", "020 469 788", "020469788"),
    ("tax_id", "BG", "1213961230342", "1213961230342"),  # 13-digit BULSTAT (branch)
    ("vat_number", "BG", "BG 175 074 752", "BG175074752"),
    ("vat_number", "BG", "175074752", "BG175074752"),
    ("personal_id", "BG", "7523169263", "7523169263"),
    ("tax_id", "RU", "7707083893", "7707083893"),  # company INN, 10 digits
    ("tax_id", "RU", "500100732259", "500100732259"),  # personal INN, 12 digits
    ("personal_id", "RU", "500100732259", "500100732259"),
    ("trade_register_no", "RU", "1027700132195", "1027700132195"),  # OGRN
    ("vat_number", "DE", "DE 136,695 976", "DE136695976"),
    ("vat_number", "GR", "094259216", "EL094259216"),
    ("vat_number", "FR", "FR 40 303 265 045", "FR40303265045"),
    ("vat_number", "GB", "GB 980 7806 84", "GB980780684"),
    ("iban", None, "RO49 AAAA 1B31 0075 9384 0000", "RO49AAAA1B31007593840000"),
    ("iban", None, "GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"),
    ("iban", None, "BG80 BNBG 9661 1020 3456 78", "BG80BNBG96611020345678"),
    # countries without a rule: kept, only separators removed
    ("tax_id", "US", "12-3456789", "123456789"),
    ("trade_register_no", "GB", "SC 123 456", "SC123456"),
]

INVALID = [
    # field, country, value, words the message must contain
    ("tax_id", "RO", "18547291", ("CUI/CIF", "check digit")),
    ("tax_id", "RO", "RO18A47290", ("CUI/CIF", "characters")),
    ("tax_id", "RO", "12345678901", ("CUI/CIF", "number of characters")),
    ("vat_number", "RO", "RO18547291", ("VAT number", "check digit")),
    ("personal_id", "RO", "1630615123458", ("CNP", "check digit")),
    ("personal_id", "RO", "1631315123451", ("CNP",)),  # month 13
    ("trade_register_no", "RO", "X52/750/2012", ("ONRC",)),
    ("tax_id", "BG", "175074751", ("EIK/BULSTAT", "check digit")),
    ("tax_id", "BG", "1213961230343", ("EIK/BULSTAT", "check digit")),
    ("tax_id", "BG", "12345", ("EIK/BULSTAT", "number of characters")),
    ("personal_id", "BG", "8032056032", ("EGN",)),
    ("tax_id", "RU", "7707083894", ("INN", "check digit")),
    ("tax_id", "RU", "77070838", ("INN", "number of characters")),
    ("trade_register_no", "RU", "1027700132196", ("OGRN", "check digit")),
    ("vat_number", "DE", "DE136695977", ("VAT number", "check digit")),
    ("vat_number", "GB", "GB980780685", ("VAT number",)),
    ("iban", None, "RO49AAAA1B31007593840001", ("IBAN", "check digit")),
    ("iban", None, "XX49AAAA1B31007593840000", ("IBAN",)),
]


@pytest.mark.parametrize(("field", "country", "typed", "stored"), VALID)
def test_valid_identifiers_are_stored_compact(field, country, typed, stored):
    assert normalise(field, country, typed) == stored


@pytest.mark.parametrize(("field", "country", "value", "words"), INVALID)
def test_invalid_identifiers_name_the_field_and_the_reason(field, country, value, words):
    with pytest.raises(IdentifierError) as err:
        normalise(field, country, value)
    assert err.value.field == field
    for word in words:
        assert word in err.value.message


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_empty_identifiers_are_none(empty):
    assert normalise("tax_id", "RO", empty) is None
