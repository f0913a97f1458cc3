"""Client pages: the form shows identifier errors per field, duplicates warn, detail page."""

from __future__ import annotations

from tests.core.web.conftest import sign_in

__all__ = ["sign_in"]

WRITE = ["parties.read", "parties.write"]
FORM = {"kind": "legal_entity", "status": "prospect", "relationship_type": "customer",
        "name": "Delta Impex SRL", "country": "RO", "tax_id": "RO 185 472 90",
        "vat_number": "", "email": "office@delta.example.ro"}


def test_create_from_the_form_then_see_the_client_page(sign_in):
    browser = sign_in("ann", WRITE)
    response = browser.post("/clients/new", FORM)
    assert response.status_code == 302
    page = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert "Delta Impex SRL" in page and "18547290" in page
    listing = browser.get("/clients/?q=delta").get_data(as_text=True)
    assert "Delta Impex SRL" in listing


def test_a_bad_tax_id_is_shown_on_its_field(sign_in):
    browser = sign_in("ann", WRITE)
    response = browser.post("/clients/new", {**FORM, "tax_id": "18547291"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="f-tax_id-error"' in page or 'f-tax_id' in page
    assert "CUI/CIF is not valid: the check digit does not match." in page


def test_a_duplicate_warns_and_can_be_confirmed(sign_in):
    browser = sign_in("ann", WRITE)
    assert browser.post("/clients/new", FORM).status_code == 302
    again = browser.post("/clients/new", {**FORM, "name": "Delta Impex"})
    assert again.status_code == 409
    assert "data-duplicates" in again.get_data(as_text=True)
    assert browser.post("/clients/new", {**FORM, "confirm": "1"}).status_code == 302


def test_edit_and_permissions(sign_in):
    writer = sign_in("ann", WRITE)
    location = writer.post("/clients/new", FORM).headers["Location"]
    edited = writer.post(location + "/edit", {**FORM, "status": "customer", "version": "1"})
    assert edited.status_code == 302
    assert 'data-field="status">Customer<' in writer.get(location).get_data(as_text=True)
    reader = sign_in("bob", ["parties.read"])
    assert reader.get("/clients/new").status_code == 403
    own = sign_in("cid", ["parties.read"], scope="own")
    assert own.get(location).status_code == 404


def test_stored_choices_read_in_the_users_language(sign_in):
    writer = sign_in("ann", WRITE)
    location = writer.post("/clients/new", FORM).headers["Location"]
    writer.post("/i18n/language", {"language": "ro", "next": location,
                                   "csrf_token": writer.csrf()})
    page = writer.get(location).get_data(as_text=True)
    assert "<dd>Persoană juridică</dd>" in page
    assert "<dd>Client</dd>" in page  # relationship "customer"
