"""Templates: seeded without overwriting edits, edited and previewed by admins (web, API)."""

from __future__ import annotations

from sqlalchemy import select

from core.documents import DocumentTemplate
from core.documents.store import seed_templates
from tests.core.api.support import bearer, make_user
from tests.core.web.conftest import sign_in  # noqa: F401  (a fixture)


def template_id(unit, language="en") -> int:
    with unit() as s:
        seed_templates(s)
        return s.scalars(select(DocumentTemplate.id).where(
            DocumentTemplate.kind == "sample.note",
            DocumentTemplate.language == language)).one()


def test_seeding_adds_defaults_and_never_overwrites_an_admins_edit(unit):
    with unit() as s:
        assert seed_templates(s) == 2  # en and ro
        assert seed_templates(s) == 0
        row = s.scalars(select(DocumentTemplate).where(DocumentTemplate.language == "en")).one()
        assert "note.title" in row.body and "font-size: 16pt" in row.css
        row.body, row.customized, row.default_sha256 = "<p>mine</p>", True, "old"
    with unit() as s:
        assert seed_templates(s) == 0
        assert s.scalars(select(DocumentTemplate.body).where(
            DocumentTemplate.language == "en")).one() == "<p>mine</p>"


def test_editor_saves_and_previews_and_shows_template_errors(unit, note_id, sign_in):  # noqa: F811
    tid = template_id(unit)
    browser = sign_in("ed", ["core.documents.edit", "sample.read"])
    page = browser.get(f"/admin/documents/{tid}").get_data(as_text=True)
    assert "{{ note.title }}" in page and "{{ company.name }}" in page  # the merge tags
    preview = browser.post(f"/admin/documents/{tid}/preview",
                           {"record_id": str(note_id), "body": "<h2>{{ note.title }}</h2>"})
    assert preview.status_code == 200 and "&lt;h2&gt;Consulting&lt;/h2&gt;" in \
        preview.get_data(as_text=True) and "sandbox" in preview.get_data(as_text=True)
    for payload in ("{{ config.SECRET_KEY }}", "{{ ''.__class__.__mro__ }}",
                    "{% include '/etc/passwd' %}"):
        bad = browser.post(f"/admin/documents/{tid}/preview",
                           {"record_id": str(note_id), "body": payload})
        text = bad.get_data(as_text=True)
        assert bad.status_code == 200 and "data-template-error" in text
        assert "test-secret-key" not in text and "root:" not in text
    broken = browser.post(f"/admin/documents/{tid}", {"body": "{% for %}", "css": "",
                                                      "active": "on", "version": "1"})
    assert broken.status_code == 422 and "cannot be rendered" in broken.get_data(as_text=True)
    saved = browser.post(f"/admin/documents/{tid}", {"body": "<p>{{ note.title }}!</p>",
                                                     "css": "", "active": "on",
                                                     "version": "1"})
    assert saved.status_code == 302
    with unit() as s:
        row = s.get(DocumentTemplate, tid)
        assert row.customized and row.body == "<p>{{ note.title }}!</p>"


def test_editor_needs_the_permission(unit, sign_in):  # noqa: F811
    tid = template_id(unit)
    assert sign_in("no", ["sample.read"]).get(f"/admin/documents/{tid}").status_code == 403


def test_api_lists_saves_and_previews(unit, note_id, doc_app):
    tid = template_id(unit, "ro")
    with unit():
        headers = bearer(make_user("api", ["core.documents.edit", "sample.read"], scope="all"))
    client = doc_app.test_client()
    listed = client.get("/api/v1/documents/templates", headers=headers).get_json()["items"]
    assert {(t["kind"], t["language"]) for t in listed} == {("sample.note", "en"),
                                                           ("sample.note", "ro")}
    one = client.get(f"/api/v1/documents/templates/{tid}", headers=headers).get_json()
    assert "note.amount" in {t["tag"] for t in one["merge_tags"]}
    bad = client.post(f"/api/v1/documents/templates/{tid}/preview", headers=headers,
                      json={"record_id": note_id, "body": "{{ self.__init__.__globals__ }}"})
    assert bad.status_code == 422 and bad.get_json()["fields"]["body"]
    good = client.post(f"/api/v1/documents/templates/{tid}/preview", headers=headers,
                       json={"record_id": note_id})
    assert "Notă Consulting" in good.get_json()["html"]
    stale = client.put(f"/api/v1/documents/templates/{tid}", headers=headers,
                       json={"body": "x", "version": 99})
    assert stale.status_code == 409
    pdf = client.post(f"/api/v1/documents/sample.note/{note_id}/pdf", headers=headers)
    assert pdf.status_code == 202
    ready = client.get(f"/api/v1/documents/sample.note/{note_id}/pdf", headers=headers)
    assert ready.status_code == 200 and ready.data.startswith(b"%PDF")
