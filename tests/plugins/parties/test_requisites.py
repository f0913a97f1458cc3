"""The buyer's requisites as documents print them: by the client's kind, each identifier named
as the client's country names it, in the document's language."""

from __future__ import annotations

from core.i18n import force_locale
from plugins.parties import services
from plugins.parties.requisites import requisite_lines
from tests.plugins.parties.test_client_services import ALFA


def test_a_romanian_company_prints_cui_register_vat_office_and_bank(ctx):
    client = services.create_client(ctx["as_ann"], ALFA)
    with force_locale("ro"):
        lines = requisite_lines(client)
    assert lines == ["CUI/CIF: 18547290", "Nr. Registrul Comerțului (ONRC): J52/750/2012",
                     "Cod de TVA: RO18547290", "Sediu social: Str. Lunga 1, Brasov, RO",
                     "IBAN RO49AAAA1B31007593840000"]


def test_bulgarian_and_russian_companies_are_named_by_their_own_identifiers(ctx):
    bg = services.create_client(ctx["as_ann"], {
        "kind": "legal_entity", "name": "Балкан Трейд ЕООД", "country": "BG",
        "tax_id": "175074752", "vat_number": "BG175074752",
        "addresses": [{"use": "registered", "street": "ул. Витоша 1", "postal_code": "1000",
                       "city": "София", "country": "BG"}]})
    ru = services.create_client(ctx["as_ann"], {
        "kind": "legal_entity", "name": "Ромашка", "country": "RU", "tax_id": "7707083893",
        "trade_register_no": "1027700132195"})
    with force_locale("bg"):
        assert requisite_lines(bg) == ["ЕИК/БУЛСТАТ: 175074752", "ДДС номер: BG175074752",
                                       "Седалище: ул. Витоша 1, 1000 София, BG"]
    with force_locale("ru"):
        assert requisite_lines(ru) == ["ИНН: 7707083893", "ОГРН: 1027700132195"]


def test_a_private_person_prints_the_personal_id_and_address_not_a_company_s(ctx):
    person = services.create_client(ctx["as_ann"], {
        "kind": "private_person", "name": "Ion Pop", "country": "RO",
        "personal_id": "1630615123457", "tax_id": "",
        "addresses": [{"use": "correspondence", "street": "Str. Mică 3", "city": "Cluj",
                       "country": "RO"}]})
    with force_locale("ro"):
        assert requisite_lines(person) == ["CNP: 1630615123457", "Adresă: Str. Mică 3, Cluj, RO"]
