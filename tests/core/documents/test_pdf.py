"""PDFs: rendered by the job after commit, read back with pypdf; frozen bytes never change."""

from __future__ import annotations

import hashlib
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from core.db import utcnow
from core.documents import DocumentFile, DocumentTemplate, request_pdf, stored_pdf
from core.documents.models import PENDING
from core.documents.store import seed_templates
from tests.core.web.conftest import sign_in  # noqa: F401  (a fixture)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_draft_pdf_is_rendered_after_commit_with_lines_totals_and_page_numbers(unit, note_id):
    with unit():
        row = request_pdf("sample.note", note_id)
        assert row.status == PENDING and row.content is None  # nothing rendered yet
    with unit() as s:
        row = s.scalars(select(DocumentFile)).one()
        assert row.status == "ready" and not row.frozen and row.purpose == "draft"
        assert row.sha256 == hashlib.sha256(row.content).hexdigest()
        text = pdf_text(row.content)
    assert "Note Consulting" in text and "Line 3 of Consulting" in text
    assert "Total: 250.00 EUR" in text and "Page 1 of 1" in text


def test_a_frozen_pdf_is_served_byte_identical_after_the_template_changes(unit, note_id,
                                                                           doc_app, sign_in):  # noqa: F811
    with unit() as s:
        seed_templates(s)
        request_pdf("sample.note", note_id, freeze=True)
    with unit():
        frozen = stored_pdf("sample.note", note_id)
    assert frozen is not None and frozen.purpose == "issued"
    with unit() as s:
        template = s.scalars(select(DocumentTemplate).where(
            DocumentTemplate.kind == "sample.note", DocumentTemplate.language == "en")).one()
        template.body = "<h1>Changed {{ note.title }}</h1>"
        request_pdf("sample.note", note_id, freeze=True)  # asked again: kept as it was
        request_pdf("sample.note", note_id)  # a new draft uses the new template
    with unit():
        again = stored_pdf("sample.note", note_id)
    assert again.content == frozen.content
    assert hashlib.sha256(again.content).hexdigest() == frozen.sha256 == again.sha256
    assert "Changed" not in pdf_text(again.content)

    browser = sign_in("ann", ["sample.read"])
    response = browser.get(f"/documents/sample.note/{note_id}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data == frozen.content
    assert response.headers["X-Content-SHA256"] == frozen.sha256


def test_download_says_being_prepared_until_the_file_exists(unit, note_id, sign_in):  # noqa: F811
    browser = sign_in("ann", ["sample.read"])
    url = f"/documents/sample.note/{note_id}/pdf"
    missing = browser.get(url)
    assert missing.status_code == 404 and "Prepare the PDF" in missing.get_data(as_text=True)
    with unit() as s:
        s.add(DocumentFile(record_kind="sample.note", record_id=note_id, purpose="draft",
                           frozen=False, status=PENDING, language="en", html="<p>x</p>",
                           created_at=utcnow()))
    pending = browser.get(url)
    page = pending.get_data(as_text=True)
    assert pending.status_code == 202 and 'hx-trigger="every 2s"' in page
    assert browser.post(url).status_code == 302  # asks for it again: rendered inline here
    ready = browser.get(url)
    assert ready.status_code == 200 and pdf_text(ready.data).startswith("Note Consulting")


def test_the_pdf_is_not_for_someone_who_may_not_read_the_record(note_id, sign_in):  # noqa: F811
    browser = sign_in("bob", [])
    assert browser.get(f"/documents/sample.note/{note_id}/pdf").status_code == 403


def test_language_falls_back_to_english_and_uses_the_clients_own(unit, note_id):
    from core.documents import render_html

    with unit() as s:
        from tests.sample_plugin.models import SampleNote

        note = s.get(SampleNote, note_id)
        assert "Notă Consulting" in render_html("sample.note", note, language="ro")
        bulgarian = render_html("sample.note", note, language="bg")
    assert "Note Consulting" in bulgarian and 'lang="en"' in bulgarian



def test_a_late_render_never_replaces_a_stored_frozen_pdf(app, db, monkeypatch) -> None:
    """Two workers render one frozen file; the bytes stored first (maybe mailed) are kept."""
    if db.dialect != "postgresql":
        pytest.skip("concurrent workers need a server database; SQLite runs jobs inline")
    from core.documents import files, pdf

    with app.app_context(), db.unit() as s:
        row = DocumentFile(record_kind="sample.note", record_id=1, purpose="issued",
                           language="en", html="<p>first</p>", frozen=True, status=PENDING,
                           created_at=utcnow())
        s.add(row)
        s.flush()
        file_id = row.id
    original = pdf.html_to_pdf

    def slow_worker(html: str) -> bytes:
        # While this worker renders, another one renders the same file and commits first.
        monkeypatch.setattr(pdf, "html_to_pdf", original)
        with db.unit():
            files.render_document(file_id)
        return b"%PDF-late"

    monkeypatch.setattr(pdf, "html_to_pdf", slow_worker)
    with app.app_context(), db.unit():
        files.render_document(file_id)
    with app.app_context(), db.unit() as s:
        kept = s.get(DocumentFile, file_id)
        assert kept.status == "ready" and kept.content.startswith(b"%PDF-1.")
        assert kept.sha256 == hashlib.sha256(kept.content).hexdigest()
