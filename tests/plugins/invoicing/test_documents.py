"""The printed layouts carry what each country's law asks: Bulgarian "Оригинал", ИН по
ЗДДС, the tax-event date, the place of the transaction and "Словом"; Russian ИНН/КПП, the
счёт-фактура and, for a proforma, the счёт на оплату; Romanian CUI, Nr. Reg. Com., cota TVA."""

from __future__ import annotations

from typing import Any

import pytest

from core.company import company_profile
from core.documents.rendering import render_html
from plugins.invoicing import services
from plugins.invoicing.services.common import kind_of
from tests.plugins.invoicing.conftest import line, make_client, make_seller, make_user, principal


def _html(language: str, doc_type: str = "invoice") -> str:
    who = principal(make_user("anna"))
    make_seller()
    doc = services.create_invoice(
        who,
        {
            "party_id": make_client().id,
            "currency": "RON",
            "doc_type": doc_type,
            "language": language,
            "lines": [line()],
        },
    )
    services.issue_invoice(who, doc.id, {"issue_date": "2026-03-02"})
    return render_html(kind_of(doc), doc)


@pytest.mark.parametrize(
    ("language", "doc_type", "expected"),
    [
        (
            "bg",
            "invoice",
            [
                "Фактура",
                "Оригинал",
                "ИН по ЗДДС: RO18547290",
                "ЕИК: 18547290",
                "Дата на данъчното събитие",
                "Място на сделката",
                "SECTOR1",
                "Словом:",
                "хиляда сто и деветдесет лея и нула бана",
            ],
        ),
        ("ru", "invoice", ["Счёт-фактура", "ИНН/КПП: RO18547290/18547290", "НДС"]),
        ("ru", "proforma", ["Счёт на оплату", "ИНН/КПП: RO18547290/18547290"]),
        (
            "ro",
            "invoice",
            [
                "Factură",
                "CUI: 18547290",
                "Nr. Reg. Com.: J40/1234/2006",
                "Cota TVA",
                "o mie o sută nouăzeci de lei",
            ],
        ),
    ],
)
def test_the_printed_invoice_has_its_countrys_legal_mentions(
    unit: Any, language: str, doc_type: str, expected: list[str]
) -> None:
    html = unit(lambda: _html(language, doc_type))
    missing = [text for text in expected if text not in html]
    assert missing == []


@pytest.mark.parametrize(
    ("country", "language"), [("BG", "bg"), ("RU", "ru"), ("RO", "ro"), ("DE", "en")]
)
def test_a_new_invoice_is_laid_out_for_the_sellers_country(
    unit: Any, country: str, language: str
) -> None:
    def create() -> str:
        make_seller()
        company_profile().country = country
        doc = services.create_invoice(
            principal(make_user("anna")),
            {"party_id": make_client().id, "currency": "RON", "lines": [line()]},
        )
        return doc.language

    assert unit(create) == language


def test_a_language_picked_for_the_invoice_wins_over_the_sellers_country(unit: Any) -> None:
    def create() -> str:
        make_seller()
        doc = services.create_invoice(
            principal(make_user("anna")),
            {"party_id": make_client().id, "currency": "RON", "language": "ru", "lines": [line()]},
        )
        return doc.language

    assert unit(create) == "ru"


def test_the_paper_and_the_page_break_vat_down_per_rate_with_the_legal_mentions(
    iapp: Any,
) -> None:
    """Standard, exempt (the line's own ground) and reverse charge (the default mention in
    the document's language) each print their group; the staff page shows the same."""
    from core.kernel import kontora
    from tests.plugins.invoicing.conftest import browser

    with iapp.app_context(), kontora(iapp).db.unit():
        user = make_user("anna")
        who = principal(user)
        make_seller()
        doc = services.create_invoice(
            who,
            {
                "party_id": make_client().id,
                "currency": "RON",
                "language": "ro",
                "lines": [
                    line(),
                    line(
                        "Curs autorizat",
                        "1",
                        "800",
                        "0",
                        vat_category="E",
                        exemption_reason="Scutit art. 292 alin. (2)",
                    ),
                    line("Deșeuri", "100", "1.25", "0", vat_category="AE"),
                ],
            },
        )
        services.issue_invoice(who, doc.id, {"issue_date": "2026-03-02"})
        html, web, doc_id = render_html(kind_of(doc), doc), browser(iapp, user), doc.id
    page = web.get(f"/invoicing/{doc_id}").get_data(as_text=True)
    for text in ("Scutit art. 292 alin. (2)", "Taxare inversă (art. 331 Cod fiscal)"):
        assert text in html and text in page
    assert html.count('class="vat-group"') == 3 and page.count("data-vat-group") == 3
