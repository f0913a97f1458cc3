"""The default offer and order documents as a Romanian company sends them: read back from
the PDF — the seller's header with its requisites, the buyer's, validity and terms, the
signature block and "Page n of m" on every page."""

from __future__ import annotations

import io
from typing import Any

import pypdf

from core.company import save_company
from core.documents.pdf import html_to_pdf
from core.documents.rendering import render_html
from core.identity.users import staff_principal
from plugins.offers import services
from tests.core.company.test_profile import PNG, ROMANIAN
from tests.plugins.offers.conftest import make_product, make_user


def pdf_pages(content: bytes) -> list[Any]:
    return pypdf.PdfReader(io.BytesIO(content)).pages


def test_offer_pdf_prints_the_company_header_and_page_numbers(world):
    editor = staff_principal(make_user("boss", ["core.documents.edit"]))
    save_company(editor, ROMANIAN, logo=PNG, stamp=PNG)
    many = [{"product_id": make_product(f"P{n}", "10.00").id, "quantity": "1"}
            for n in range(60)]  # enough lines for a second page
    offer = services.create_offer(world["as_ann"], {
        "title": "Materials for Brașov", "currency": "RON", "party_id": world["client"].id,
        "language": "ro", "valid_until": "2030-12-31", "terms": "Plata în 15 zile.",
        "lines": many})

    pages = pdf_pages(html_to_pdf(render_html("offers.offer", offer)))
    first = pages[0].extract_text()
    assert "Carpați Construct SRL" in first
    assert "CUI/CIF: 18547290" in first and "J40/12345/2010" in first
    assert "IBAN RO49AAAA1B31007593840000" in first and "Str. Lungă 12, 500035 Brașov" in first
    assert "valabilă până la" in first and "Str. Lungă 12" in first  # buyer's address too
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Pagina {number} din {len(pages)}" in page.extract_text()
    last = pages[-1].extract_text()
    assert "Plata în 15 zile." in last and "Semnătura și ștampila" in last
    assert any(page.images for page in pages)  # the logo, the stamp


def _order(world: dict[str, Any], party_id: int, contact_id: int | None = None) -> Any:
    from plugins.orders.models import Order

    order = Order(status="draft", currency="RON", party_id=party_id, contact_id=contact_id,
                  owner_id=world["ann"].id)
    world["session"].add(order)
    world["session"].flush()
    return order


def test_order_html_prints_the_buyer_by_kind(world):
    from plugins.parties.services import add_contact, create_client

    editor = staff_principal(make_user("boss", ["core.documents.edit"]))
    save_company(editor, ROMANIAN)
    admin = world["as_ann"]
    person = add_contact(admin, world["client"].id, {"contact": {"name": "Ioana Marinescu"}})
    html = render_html("orders.order", _order(world, world["client"].id, person.contact_id),
                       language="ro")
    assert "CUI/CIF: 18547290" in html  # the seller, in the header
    assert "Sediu social: Str. Lungă 12, Brașov, RO" in html  # the buyer's registered office
    assert "În atenția: Ioana Marinescu" in html
    assert "Furnizor" in html and "Semnătura și ștampila" in html

    private = create_client(admin, {"kind": "private_person", "name": "Ion Pop", "country": "RO",
                                    "personal_id": "1630615123457",
                                    "addresses": [{"use": "correspondence", "city": "Cluj",
                                                   "street": "Str. Mică 3", "country": "RO"}]})
    html = render_html("orders.order", _order(world, private.id), language="ro")
    assert "CNP: 1630615123457" in html and "Adresă: Str. Mică 3, Cluj, RO" in html
    assert "Sediu social: Str. Mică" not in html


def test_bulgarian_and_russian_offers_name_both_sides_as_their_countries_do(world):
    from plugins.parties.services import create_client

    editor = staff_principal(make_user("boss", ["core.documents.edit"]))
    save_company(editor, ROMANIAN)
    cases = (("bg", {"name": "Балкан Трейд ЕООД", "country": "BG", "tax_id": "175074752"},
              ("ЕИК/БУЛСТАТ: 175074752", "валидна до", "Условия", "Страница 1 от 1")),
             ("ru", {"name": "Ромашка", "country": "RU", "tax_id": "7707083893",
                     "trade_register_no": "1027700132195"},
              ("ИНН: 7707083893", "ОГРН: 1027700132195", "действительно до", "Условия",
               "Страница 1 из 1")))
    for language, buyer, printed in cases:
        client = create_client(world["as_ann"], {"kind": "legal_entity", **buyer})
        offer = services.create_offer(world["as_ann"], {
            "title": "Rafturi", "currency": "RON", "party_id": client.id, "language": language,
            "valid_until": "2030-12-31", "terms": "30",
            "lines": [{"product_id": world["cement"].id, "quantity": "1"}]})
        text = pdf_pages(html_to_pdf(render_html("offers.offer", offer)))[0].extract_text()
        assert "Carpați Construct SRL" in text and "CUI/CIF: 18547290" in text  # the seller
        for words in printed:
            assert words in text, (language, words, text)
