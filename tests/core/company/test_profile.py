"""The company profile: validation by country, bank accounts, images by content, the admin
page, the REST API, the merge tags and the staff layout's name."""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest

from core.company import CompanyProfile, company_profile, save_company
from core.documents.rendering import merge_context
from core.errors import Forbidden, ValidationError
from core.identity.users import staff_principal
from core.kernel import kontora
from tests.core.api.support import bearer, make_user
from tests.core.web.conftest import sign_in  # noqa: F401  (a fixture)
from tests.sample_plugin.models import SampleNote

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
       b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")
ROMANIAN = {"name": "Carpați Construct SRL", "kind": "legal_entity", "country": "RO",
            "tax_id": "RO 185 472 90", "vat_number": "RO18547290",
            "trade_register_no": "J40/12345/2010", "street": "Str. Lungă 12", "city": "Brașov",
            "postal_code": "500035", "email": "office@carpati.ro", "phone": "+40 268 000 000",
            "bank_accounts": [{"bank": "Banca Transilvania", "bic": "btrlro22",
                               "iban": "RO49 AAAA 1B31 0075 9384 0000", "currency": "RON"}]}


def admin(app: Any) -> Any:
    return staff_principal(make_user("boss", ["core.documents.edit"]))


def save(app: Any, data: dict[str, Any], **images: Any) -> None:
    with app.app_context(), kontora(app).db.unit():
        save_company(admin(app), data, **images)


def test_requisites_are_checked_by_country_and_stored_compact(app):
    save(app, ROMANIAN, logo=PNG, stamp=PNG)
    with app.app_context(), kontora(app).db.unit():
        profile = company_profile()
        assert (profile.tax_id, profile.vat_number) == ("18547290", "RO18547290")
        assert profile.bank_accounts == [{"bank": "Banca Transilvania", "bic": "BTRLRO22",
                                          "iban": "RO49AAAA1B31007593840000", "currency": "RON"}]
        assert (profile.logo_type, profile.stamp_type) == ("image/png", "image/png")


@pytest.mark.parametrize("change, field", [
    ({"tax_id": "18547291"}, "tax_id"),                          # RO CUI check digit
    ({"country": "BG", "tax_id": "175074751"}, "tax_id"),         # BG EIK check digit
    ({"country": "RU", "tax_id": "7707083894"}, "tax_id"),        # RU INN check digit
    ({"vat_number": "RO18547291"}, "vat_number"),
    ({"country": "Romania"}, "country"),
    ({"email": "not-an-address"}, "email"),
    ({"kind": "empire"}, "kind"),
    ({"bank_accounts": [{"iban": "RO49AAAA1B31007593840001"}]}, "bank_accounts"),
    ({"bank_accounts": [{"iban": "RO49AAAA1B31007593840000", "bic": "X"}]}, "bank_accounts"),
    ({"name": "x" * 201}, "name"),
    ({"surprise": 1}, "surprise"),
])
def test_bad_requisites_are_field_errors(app, change, field):
    with app.app_context(), kontora(app).db.unit(), pytest.raises(ValidationError) as caught:
        save_company(admin(app), {**ROMANIAN, **change})
    assert field in caught.value.fields


@pytest.mark.parametrize("content", [b"GIF8", b"<html><script>1</script></html>",
                                     b"\x89PNG\r\n\x1a\n" + b"0" * (512 * 1024)])
def test_images_are_recognised_by_content_and_size_limited(app, content):
    with app.app_context(), kontora(app).db.unit(), pytest.raises(ValidationError) as caught:
        save_company(admin(app), ROMANIAN, stamp=content)
    assert list(caught.value.fields) == ["stamp"]


def test_only_template_editors_save_it(app):
    with app.app_context(), kontora(app).db.unit(), pytest.raises(Forbidden):
        save_company(staff_principal(make_user("clerk", ["sample.read"])), ROMANIAN)


def test_every_document_kind_gets_the_company_tags(app):
    save(app, ROMANIAN, stamp=PNG)
    with app.test_request_context(), kontora(app).db.unit() as s:
        note = SampleNote(title="Door")
        s.add(note)
        s.flush()
        context = merge_context("sample.note", note)
        company = context["company"]
        assert company["name"] == "Carpați Construct SRL"
        assert company["tax_id"] == "18547290" and company["trade_register_no"] == "J40/12345/2010"
        assert company["address"] == "Str. Lungă 12, 500035 Brașov, RO"
        assert company["bank_accounts"][0]["iban"] == "RO49AAAA1B31007593840000"
        assert "CUI/CIF: 18547290" in company["requisites"][0]
        assert str(company["stamp"]).startswith('<img class="k-stamp" alt="" src="data:image/png')


def test_admin_page_saves_and_names_each_bad_field(app, sign_in):  # noqa: F811
    editor = sign_in("edna", ["core.documents.edit"])
    form = {"name": "Carpați Construct SRL", "kind": "legal_entity", "country": "ro",
            "tax_id": "18547290", "street": "Str. Lungă 12", "city": "Brașov",
            "vat_payer": "on", "currency": "ron",
            "bank_accounts-0-iban": "RO49AAAA1B31007593840000",
            "bank_accounts-0-bank": "BT", "bank_accounts-0-currency": "ron",
            "bank_accounts-1-iban": "", "bank_accounts-1-bank": ""}
    bad = editor.post("/admin/documents/company",
                      {**form, "tax_id": "18547291", "bank_accounts-0-iban": "RO00"})
    assert bad.status_code == 422
    page = bad.get_data(as_text=True)
    assert 'data-error="tax_id"' in page and 'data-error="bank_accounts-0-iban"' in page
    assert 'value="Carpați Construct SRL"' in page  # what was typed is kept
    done = editor.post("/admin/documents/company",
                       {**form, "logo": (io.BytesIO(PNG), "logo.png")},
                       content_type="multipart/form-data")
    assert done.status_code == 302
    home = editor.get("/").get_data(as_text=True)
    assert "<span class=\"k-brand-name\" data-company-name>Carpați Construct SRL</span>" \
        in home and "· Carpați Construct SRL</title>" in home
    with app.app_context(), kontora(app).db.unit():
        profile = company_profile()
        assert profile.country == "RO" and profile.logo_type == "image/png"
        assert profile.bank_accounts == [{"bank": "BT", "iban": "RO49AAAA1B31007593840000",
                                          "bic": "", "currency": "RON"}]
    assert sign_in("nina", ["sample.read"]).get("/admin/documents/company").status_code == 403


def test_api_reads_and_replaces_the_profile(app):
    with app.app_context(), kontora(app).db.unit():
        editor = bearer(make_user("api-editor", ["core.documents.edit"]))
        reader = bearer(make_user("api-reader", ["sample.read"]))
    client = app.test_client()
    body = {**ROMANIAN, "logo": base64.b64encode(PNG).decode()}
    assert client.put("/api/v1/company", json=body, headers=reader).status_code == 403
    saved = client.put("/api/v1/company", json=body, headers=editor)
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["tax_id"] == "18547290" and saved.get_json()["logo_type"] == "image/png"
    read = client.get("/api/v1/company", headers=reader).get_json()
    assert read["bank_accounts"][0]["iban"] == "RO49AAAA1B31007593840000"
    bad = client.put("/api/v1/company", json={**ROMANIAN, "tax_id": "1", "stamp": "%%%"},
                     headers=editor)
    assert bad.status_code == 422 and "stamp" in bad.get_json()["fields"]
    bad = client.put("/api/v1/company", json={**ROMANIAN, "tax_id": "1"}, headers=editor)
    assert bad.status_code == 422 and "tax_id" in bad.get_json()["fields"]
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.get(CompanyProfile, 1).tax_id == "18547290"
