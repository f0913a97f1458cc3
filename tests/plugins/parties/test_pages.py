"""Client page sections per user, contact / address / bank-account pages, merge page and API."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from core.identity.models import User
from core.kernel import kontora
from plugins.parties import services
from plugins.parties.models import Client
from tests.core.api.support import bearer
from tests.core.web.conftest import sign_in
from tests.plugins.parties.conftest import staff

__all__ = ["sign_in"]

MANAGER = ["parties.read", "parties.write", "parties.delete", "parties.merge"]
FORM = {"kind": "legal_entity", "status": "prospect", "relationship_type": "customer",
        "name": "Delta Impex SRL", "country": "RO", "tax_id": "18547290"}


def _client_page(browser: Any) -> str:
    location = browser.post("/clients/new", FORM).headers["Location"]
    return location.removeprefix("http://localhost")


def test_contact_pages_add_edit_remove_and_vcards(sign_in):
    browser = sign_in("ann", MANAGER)
    page = _client_page(browser)
    bad = browser.post(page + "/contacts/new", {"name": "", "emails": "x"})
    assert bad.status_code == 422 and 'data-field="name"' in bad.get_data(as_text=True)
    added = browser.post(page + "/contacts/new", {
        "name": "Ion Pop", "job_title": "CFO", "role": "billing", "preferred_channel": "phone",
        "emails": "Ion@Delta.example.ro", "phones": "+40 721 000 111",
        "responsibilities": ["finance", "purchasing"], "is_primary": ["false", "true"]})
    assert added.status_code == 302
    html = browser.get(page).get_data(as_text=True)
    assert "Ion Pop" in html and "ion@delta.example.ro" in html and "billing" in html
    client_id = int(page.rsplit("/", 1)[1])
    with browser.app.app_context(), kontora(browser.app).db.unit() as s:
        contact_id = s.get(Client, client_id).contact_links[0].contact_id
    edit = f"{page}/contacts/{contact_id}/edit"
    assert "Ion@" not in browser.get(edit).get_data(as_text=True)
    assert browser.post(edit, {"name": "Ion Popescu", "preferred_channel": "email",
                               "emails": "ion@delta.example.ro", "role": "buyer"}
                        ).status_code == 302
    card = browser.get(f"{page}/contacts/{contact_id}.vcf")
    assert card.mimetype == "text/vcard"
    text = card.get_data(as_text=True)
    assert "FN:Ion Popescu\r\n" in text and "ROLE:buyer\r\n" in text
    assert browser.post(f"{page}/contacts/{contact_id}/unlink").status_code == 302
    assert "Ion Popescu" not in browser.get(page).get_data(as_text=True)
    from io import BytesIO

    upload = browser.post(page + "/contacts/import-vcard",
                          {"file": (BytesIO(text.encode()), "ion.vcf")},
                          content_type="multipart/form-data")
    assert upload.status_code == 302
    assert "Ion Popescu" in browser.get(page).get_data(as_text=True)


def test_address_and_bank_account_pages(sign_in):
    browser = sign_in("ann", MANAGER)
    page = _client_page(browser)
    assert browser.post(page + "/addresses/new", {"use": "registered", "street": "",
                                                  "city": "Iasi", "country": "RO"}
                        ).status_code == 422
    for street in ("Str. Mare 1", "Str. Mica 2"):
        assert browser.post(page + "/addresses/new", {
            "use": "registered", "street": street, "city": "Iasi", "country": "RO"}
        ).status_code == 302
    client_id = int(page.rsplit("/", 1)[1])
    k = kontora(browser.app)
    with browser.app.app_context(), k.db.unit() as s:
        first, second = (a.id for a in s.get(Client, client_id).addresses)
    assert browser.post(f"{page}/addresses/{second}/default").status_code == 302
    assert browser.post(f"{page}/addresses/{first}/edit", {
        "use": "delivery", "street": "Depozit 3", "city": "Pascani", "country": "RO"}
    ).status_code == 302
    assert browser.post(f"{page}/addresses/{second}/delete").status_code == 302
    assert browser.post(page + "/bank-accounts/new", {"iban": "RO49 AAAA 1B31 0075 9384 0001",
                                                      "currency": "RON"}).status_code == 422
    assert browser.post(page + "/bank-accounts/new", {"iban": "RO49 AAAA 1B31 0075 9384 0000",
                                                      "currency": "RON"}).status_code == 302
    with browser.app.app_context(), k.db.unit() as s:
        client = s.get(Client, client_id)
        assert [(a.use, a.street, a.is_default) for a in client.addresses] == [
            ("delivery", "Depozit 3", True)]
        account = client.bank_accounts[0]
        assert (account.iban, account.is_default) == ("RO49AAAA1B31007593840000", True)
    assert browser.post(f"{page}/bank-accounts/{account.id}/edit", {
        "iban": account.iban, "currency": "EUR", "bank_name": "Banca"}).status_code == 302
    assert "EUR · Banca" in browser.get(page).get_data(as_text=True)
    assert browser.post(f"{page}/bank-accounts/{account.id}/delete").status_code == 302
    other = sign_in("bob", ["parties.read"])
    assert other.get(page + "/addresses/new").status_code == 403


def test_each_user_arranges_the_sections_of_the_client_page(sign_in):
    ann, bob = sign_in("ann", MANAGER), sign_in("bob", MANAGER)
    page = _client_page(ann)

    def order(browser: Any) -> list[str]:
        html = browser.get(page).get_data(as_text=True)
        return [key for key in ("parties.contacts", "parties.addresses",
                                "parties.bank_accounts") if f'data-section="{key}"' in html]

    def arrange(browser: Any, key: str, action: str) -> None:
        assert browser.post(page + "/sections", {"key": key, "action": action}
                            ).status_code == 302

    assert order(ann) == ["parties.contacts", "parties.addresses", "parties.bank_accounts"]
    arrange(ann, "parties.bank_accounts", "up")
    arrange(ann, "parties.contacts", "hide")
    arrange(ann, "parties.addresses", "collapse")
    html = ann.get(page).get_data(as_text=True)
    assert order(ann) == ["parties.addresses", "parties.bank_accounts"]
    assert 'data-section="parties.addresses" >' in html  # collapsed: no "open"
    assert order(bob) == ["parties.contacts", "parties.addresses", "parties.bank_accounts"]
    customising = ann.get(page + "?customise=1").get_data(as_text=True)
    assert 'data-section="parties.contacts"' in customising
    assert ann.post(page + "/sections", {"key": "nope", "action": "up"}).status_code == 422


def _rich_client(app: Any, user_id: int, people: int) -> int:
    """A client with ``people`` contacts (two ways to reach each), addresses, accounts, tags."""
    with app.app_context(), kontora(app).db.unit() as s:
        me = staff(s.get(User, user_id))
        client = services.create_client(me, {
            **FORM, "tags": [f"t{i}" for i in range(people)],
            "addresses": [{"use": "delivery", "street": f"Str. {i}", "city": "Iasi",
                           "country": "RO"} for i in range(people)],
            "bank_accounts": [{"iban": "RO49AAAA1B31007593840000", "currency": "RON"}
                              for _ in range(people)]}, allow_duplicate=True)
        for i in range(people):
            services.add_contact(me, client.id, {"contact": {"name": f"P{i}", "methods": [
                {"channel": "email", "value": f"p{i}@example.ro"},
                {"channel": "phone", "value": f"+40 7{i:08d}"}]}, "role": "buyer"})
        return client.id


def test_the_client_page_reads_each_section_in_one_query(sign_in):
    browser = sign_in("ann", MANAGER)
    small = _rich_client(browser.app, browser.user_id, 1)
    large = _rich_client(browser.app, browser.user_id, 25)
    engine = kontora(browser.app).db.engine
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    def page_statements(client_id: int) -> list[str]:
        browser.get(f"/clients/{client_id}")  # warm-up: sessions, roles, caches
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            html = browser.get(f"/clients/{client_id}").get_data(as_text=True)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert "P0" in html
        return list(statements)

    few, many = page_statements(small), page_statements(large)
    assert len(many) == len(few), "\n".join(many)
    contact_reads = [s for s in many if "parties_contact_method" in s]
    assert len(contact_reads) == 1


def test_merge_page_and_api(sign_in):
    browser = sign_in("ann", MANAGER)
    keep = _client_page(browser)
    dup = browser.post("/clients/new", {**FORM, "name": "Delta Impex", "confirm": "1"}
                       ).headers["Location"].removeprefix("http://localhost")
    keep_id, dup_id = int(keep.rsplit("/", 1)[1]), int(dup.rsplit("/", 1)[1])
    choose = browser.get(keep + "/merge").get_data(as_text=True)
    assert f'data-candidate="{dup_id}"' in choose
    preview = browser.get(f"{keep}/merge?source={dup_id}").get_data(as_text=True)
    assert "data-merge-preview" in preview
    assert browser.post(keep + "/merge", {}).status_code == 422
    assert browser.post(keep + "/merge", {"source_id": str(dup_id)}).status_code == 302
    assert browser.get(dup).status_code == 404
    assert sign_in("bob", ["parties.read", "parties.write"]).get(keep + "/merge"
                                                                 ).status_code == 403
    third = browser.post("/clients/new", {**FORM, "name": "Delta Impex Grup", "confirm": "1"}
                         ).headers["Location"].rsplit("/", 1)[1]
    with browser.app.app_context(), kontora(browser.app).db.unit() as s:
        headers = bearer(s.get(User, browser.user_id))
    api = browser.app.test_client()
    answer = api.get(f"/api/v1/parties.client/{keep_id}/merge?source_id={third}",
                     headers=headers)
    assert answer.status_code == 200 and answer.json["source_id"] == int(third)
    assert api.post(f"/api/v1/parties.client/{keep_id}/merge", json={"source_id": "x"},
                    headers=headers).status_code == 422
    done = api.post(f"/api/v1/parties.client/{keep_id}/merge", json={"source_id": int(third)},
                    headers=headers)
    assert done.status_code == 200 and done.json["target_id"] == keep_id
    assert api.get(f"/api/v1/parties.client/{third}", headers=headers).status_code == 404
