"""Staff pages: a draft made by hand with the client picker, lines limited to the client's
assigned services (free lines with the permission), changing and deleting a draft, issuing
and the frozen PDF, Factur-X and XML; the old seller page moved."""

from __future__ import annotations

import re
from typing import Any

from core.db import session
from core.kernel import kontora
from plugins.invoicing.models import BillingDocument
from tests.plugins.invoicing.conftest import (
    ALL,
    assign,
    browser,
    make_client,
    make_product,
    make_seller,
    make_user,
)

LIMITED = [p for p in ALL if p != "invoicing.free_lines"]


def _setup(app: Any, permissions: list[str] = ALL) -> tuple[Any, int, int, int]:
    """A signed-in user, a client with one assigned service (own price) and one other."""
    with app.app_context(), kontora(app).db.unit():
        user = make_user("anna", permissions)
        make_seller()
        client = make_client()
        assigned = make_product("AUDIT", "250")
        other = make_product("TRAIN", "80")
        assign(client, assigned, "200")
        return browser(app, user), client.id, assigned.id, other.id


def _new_draft(web: Any, client_id: int) -> int:
    answer = web.post(
        "/invoicing/new",
        {
            "doc_type": "invoice",
            "party_id": str(client_id),
            "currency": "RON",
            "payment_terms_days": "15",
            "language": "ro",
        },
    )
    assert answer.status_code == 303
    return int(re.search(r"/invoicing/(\d+)$", answer.headers["Location"]).group(1))


def _doc(app: Any, doc_id: int) -> Any:
    with app.app_context(), kontora(app).db.unit():
        doc = session().get(BillingDocument, doc_id)
        return (
            doc.status,
            doc.number,
            doc.payment_terms_days,
            doc.total_gross,
            [(line.description, line.quantity, line.unit_price) for line in doc.lines],
        )


def test_the_new_draft_form_picks_a_client_and_shows_a_field_error(iapp: Any) -> None:
    web, client_id, _assigned, _other = _setup(iapp)
    form = web.get("/invoicing/new").get_data(as_text=True)
    assert 'data-search-url="/pick/parties.client"' in form and 'name="party_id"' in form
    assert "Client SRL" in web.get("/pick/parties.client?q=client").get_data(as_text=True)
    bad = web.post("/invoicing/new", {"party_id": str(client_id), "currency": "EURO"})
    assert bad.status_code == 422
    assert 'data-field="currency"' in bad.get_data(as_text=True)
    assert "is-invalid" in bad.get_data(as_text=True)
    doc_id = _new_draft(web, client_id)
    assert _doc(iapp, doc_id)[:3] == ("draft", None, 15)


def test_lines_offer_only_the_clients_services_without_the_free_lines_permission(iapp: Any) -> None:
    web, client_id, assigned, other = _setup(iapp, LIMITED)
    doc_id = _new_draft(web, client_id)
    page = web.get(f"/invoicing/{doc_id}").get_data(as_text=True)
    assert f'<option value="{assigned}"' in page and f'<option value="{other}"' not in page
    assert "Free line" not in page and 'name="unit_price"' not in page.split("data-line-form")[1]
    assert (
        web.post(
            f"/invoicing/{doc_id}/lines", {"product_id": str(assigned), "quantity": "3"}
        ).status_code
        == 303
    )
    refused = web.post(f"/invoicing/{doc_id}/lines", {"product_id": str(other), "quantity": "1"})
    assert refused.status_code == 422
    assert "not assigned to the client" in refused.get_data(as_text=True)
    free = web.post(
        f"/invoicing/{doc_id}/lines",
        {"description": "Extra", "quantity": "1", "unit_price": "10", "vat_rate": "19"},
    )
    assert free.status_code == 403
    _status, _number, _terms, gross, lines = _doc(iapp, doc_id)
    assert lines == [("Service AUDIT", 3, 200)] and gross == 714  # the client's own price


def test_a_free_line_with_the_permission_then_change_and_remove_lines(iapp: Any) -> None:
    web, client_id, assigned, _other = _setup(iapp)
    doc_id = _new_draft(web, client_id)
    page = web.get(f"/invoicing/{doc_id}").get_data(as_text=True)
    assert "Free line" in page and 'name="vat_category"' in page
    assert (
        web.post(
            f"/invoicing/{doc_id}/lines",
            {
                "description": "Export service",
                "quantity": "2",
                "unit_price": "50",
                "vat_rate": "0",
                "vat_category": "E",
                "exemption_reason": "art. 294",
            },
        ).status_code
        == 303
    )
    missing = web.post(f"/invoicing/{doc_id}/lines", {"quantity": "1"})
    assert missing.status_code == 422 and "without a product" in missing.get_data(as_text=True)
    web.post(f"/invoicing/{doc_id}/lines", {"product_id": str(assigned), "quantity": "1"})
    with iapp.app_context(), kontora(iapp).db.unit():
        first, second = (line.id for line in session().get(BillingDocument, doc_id).lines)
    assert (
        web.post(
            f"/invoicing/{doc_id}/lines/{first}", {"quantity": "4", "unit_price": "25"}
        ).status_code
        == 303
    )
    assert web.post(f"/invoicing/{doc_id}/lines/{first}", {"quantity": "0"}).status_code == 422
    assert web.post(f"/invoicing/{doc_id}/lines/{second}/remove").status_code == 303
    assert _doc(iapp, doc_id)[3:] == (100, [("Export service", 4, 25)])


def test_change_delete_and_issue_a_draft_then_read_its_pdf_and_xml(iapp: Any) -> None:
    web, client_id, assigned, _other = _setup(iapp)
    doc_id = _new_draft(web, client_id)
    assert "data-change" in web.get(f"/invoicing/{doc_id}").get_data(as_text=True)
    assert (
        web.post(
            f"/invoicing/{doc_id}/change",
            {"currency": "RON", "language": "en", "payment_terms_days": "-1"},
        ).status_code
        == 422
    )
    assert (
        web.post(
            f"/invoicing/{doc_id}/change",
            {"currency": "RON", "language": "ro", "payment_terms_days": "7"},
        ).status_code
        == 303
    )
    assert _doc(iapp, doc_id)[2] == 7
    web.post(f"/invoicing/{doc_id}/lines", {"product_id": str(assigned), "quantity": "1"})
    assert web.post(f"/invoicing/{doc_id}/issue").status_code == 303
    status, number, *_rest = _doc(iapp, doc_id)
    assert status == "issued" and number.startswith("FCT-")
    page = web.get(f"/invoicing/{doc_id}").get_data(as_text=True)
    assert "data-change" not in page and "data-remove" not in page and "data-xml" in page
    assert web.post(f"/invoicing/{doc_id}/change", {"currency": "EUR"}).status_code == 409
    pdf = web.get(f"/invoicing/{doc_id}/pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    xml = web.get(f"/invoicing/{doc_id}/xml")
    assert xml.status_code == 200 and number.encode() in xml.data
    assert f"/invoicing/{doc_id}/facturx" in page
    facturx = web.get(f"/invoicing/{doc_id}/facturx")  # its content: test_facturx
    assert facturx.status_code == 200 and b"factur-x.xml" in facturx.data
    assert web.get(f"/invoicing/{_new_draft(web, client_id)}/facturx").status_code == 409
    listing = web.get("/invoicing/").get_data(as_text=True)
    assert number in listing and "data-new" in listing
    other = _new_draft(web, client_id)
    assert web.post(f"/invoicing/{other}/remove").status_code == 303
    with iapp.app_context(), kontora(iapp).db.unit():
        assert session().get(BillingDocument, other) is None


def test_the_old_seller_page_leads_to_the_company_profile(iapp: Any) -> None:
    """One source for the seller: the kernel's company profile, which invoices freeze."""
    with iapp.app_context(), kontora(iapp).db.unit():
        web = browser(iapp, make_user("anna"))
    moved = web.get("/invoicing/seller")
    assert moved.status_code == 308
    assert moved.headers["Location"].endswith("/admin/documents/company")


def test_the_list_pages_by_seeking_and_filters_by_status(iapp: Any) -> None:
    """Fifty documents a page, newest first (ties by id), "Next" seeks past the last one
    with the kernel listing's signed cursor; ``status`` filters; a malformed or forged
    cursor starts again at the first page."""
    from datetime import UTC, datetime, timedelta

    from plugins.invoicing.models import Invoice, Proforma
    from plugins.invoicing.views.pages import PAGE_SIZE

    web, client_id, _assigned, _other = _setup(iapp)
    base = datetime(2026, 11, 1, tzinfo=UTC)
    with iapp.app_context(), kontora(iapp).db.unit():
        for n in range(PAGE_SIZE + 12):
            kind = Proforma if n % 5 == 0 else Invoice
            session().add(
                kind(
                    series="invoices",
                    party_id=client_id,
                    currency="RON",
                    status="cancelled" if n % 7 == 0 else "draft",
                    created_at=base + timedelta(minutes=n - n % 2),
                )
            )
        session().flush()
        docs = session().query(BillingDocument).all()
        expected = [d.id for d in sorted(docs, key=lambda d: (d.created_at, d.id), reverse=True)]
        cancelled = [
            d.id
            for d in sorted(docs, key=lambda d: (d.created_at, d.id), reverse=True)
            if d.status == "cancelled"
        ]
    row = re.compile(r'<a href="/invoicing/(\d+)">')
    first = web.get("/invoicing/").get_data(as_text=True)
    assert [int(i) for i in row.findall(first)] == expected[:PAGE_SIZE]
    after = re.search(r'href="(/invoicing/\?cursor=[^"]+)" rel="next"', first).group(1)
    second = web.get(after.replace("&amp;", "&")).get_data(as_text=True)
    assert [int(i) for i in row.findall(second)] == expected[PAGE_SIZE:]
    assert 'rel="next"' not in second and 'rel="first"' in second
    only = web.get("/invoicing/?status=cancelled").get_data(as_text=True)
    assert [int(i) for i in row.findall(only)] == cancelled
    assert '<option value="cancelled" selected>' in only
    odd = web.get("/invoicing/?cursor=yesterday~x&status=nonsense")
    assert odd.status_code == 200
    assert [int(i) for i in row.findall(odd.get_data(as_text=True))] == expected[:PAGE_SIZE]


def _issued(app: Any, web: Any, client_id: int, doc_type: str = "invoice") -> tuple[int, list]:
    """An issued document with two free lines (10 h at 100, 1 at 500): id and line ids."""
    answer = web.post(
        "/invoicing/new",
        {"doc_type": doc_type, "party_id": str(client_id), "currency": "RON", "language": "ro"},
    )
    doc_id = int(answer.headers["Location"].rsplit("/", 1)[1])
    for description, quantity, price in (("Consultanță", "10", "100"), ("Licență", "1", "500")):
        web.post(
            f"/invoicing/{doc_id}/lines",
            {
                "description": description,
                "unit": "h",
                "quantity": quantity,
                "unit_price": price,
                "vat_rate": "19",
                "vat_category": "S",
            },
        )
    assert web.post(f"/invoicing/{doc_id}/issue").status_code == 303
    with app.app_context(), kontora(app).db.unit():
        return doc_id, [line.id for line in session().get(BillingDocument, doc_id).lines]


def test_the_page_credits_chosen_lines_or_the_whole_invoice(iapp: Any) -> None:
    web, client_id, _assigned, _other = _setup(iapp)
    doc_id, (first, _second) = _issued(iapp, web, client_id)
    page = web.get(f"/invoicing/{doc_id}").get_data(as_text=True)
    assert page.count("<h1") == 1 and f'name="credit-{first}"' in page
    too_much = web.post(f"/invoicing/{doc_id}/credit", {f"credit-{first}": "11"})
    assert too_much.status_code == 422
    refused = too_much.get_data(as_text=True)
    assert f'id="credit-{first}-error"' in refused and 'value="11"' in refused
    part = web.post(f"/invoicing/{doc_id}/credit", {f"credit-{first}": "4", "reason": "Retur"})
    assert part.status_code == 303
    note_id = int(part.headers["Location"].rsplit("/", 1)[1])
    rest = web.post(f"/invoicing/{doc_id}/credit", {})  # nothing entered: all that is left
    rest_id = int(rest.headers["Location"].rsplit("/", 1)[1])
    assert _doc(iapp, note_id)[4] == [("Consultanță", -4, 100)]
    assert _doc(iapp, rest_id)[4] == [("Consultanță", -6, 100), ("Licență", -1, 500)]
    assert "data-credit" not in web.get(f"/invoicing/{note_id}").get_data(as_text=True)


def test_an_issued_proforma_converts_into_the_invoice_from_its_page(iapp: Any) -> None:
    web, client_id, _assigned, _other = _setup(iapp)
    proforma_id, _lines = _issued(iapp, web, client_id, "proforma")
    page = web.get(f"/invoicing/{proforma_id}").get_data(as_text=True)
    action = re.search(
        r'action="(/convert/invoicing\.proforma/\d+/invoicing\.invoice)"', page
    ).group(1)
    converted = web.post(action)
    invoice_id = int(re.search(r"/invoicing/(\d+)$", converted.headers["Location"]).group(1))
    status, number, _terms, gross, lines = _doc(iapp, invoice_id)
    assert status == "draft" and number is None and gross == 1785 and len(lines) == 2
    assert _doc(iapp, proforma_id)[0] == "converted"
    invoice_page = web.get(f"/invoicing/{invoice_id}").get_data(as_text=True)
    assert "Document chain" in invoice_page and f'href="/invoicing/{proforma_id}"' in invoice_page


def test_the_list_keeps_the_record_rules(iapp: Any) -> None:
    """Listed through ``core.listing`` with a kind of its own, the list still shows a user
    whose scope is ``own`` only the documents they own."""
    from core.identity.models import User
    from core.permissions.models import Role, RolePermission
    from plugins.invoicing.models import Invoice

    web, client_id, _assigned, _other = _setup(iapp)
    with iapp.app_context(), kontora(iapp).db.unit():
        role = Role(
            name="own-invoices",
            label="Own",
            default_scope="own",
            permissions=[RolePermission(permission="invoicing.read")],
        )
        sam = User(login="sam", name="Sam", email="sam@example.com", roles=[role])
        session().add(sam)
        session().flush()
        mine = Invoice(series="invoices", party_id=client_id, currency="RON", owner_id=sam.id)
        theirs = Invoice(series="invoices", party_id=client_id, currency="RON")
        session().add_all([mine, theirs])
        session().flush()
        own_web, mine_id, theirs_id = browser(iapp, sam), mine.id, theirs.id
    listed = re.findall(
        r'<a href="/invoicing/(\d+)">', own_web.get("/invoicing/").get_data(as_text=True)
    )
    assert listed == [str(mine_id)] and str(theirs_id) not in listed
    assert str(theirs_id) in web.get("/invoicing/").get_data(as_text=True)
