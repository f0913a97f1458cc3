"""Attachments: size limit, type from the bytes, safe names, storage outside the web root,
served with the right headers only to readers of the record (404 for anyone else)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from core.kernel import kontora
from tests.core.web.conftest import Browser, sign_in
from tests.plugins.activities.conftest import EVERYTHING, make_client

__all__ = ["sign_in"]

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def client_of(app, name: str, owner_id: int) -> int:
    with app.app_context(), kontora(app).db.unit():
        return make_client(name, owner_id).id


def upload(browser: Browser, client_id: int, name: str, data: bytes, body: str = "See file"):
    return browser.post(f"/activities/timeline/parties.client/{client_id}/notes",
                        {"kind": "comment", "body": body, "file": (io.BytesIO(data), name)},
                        content_type="multipart/form-data")


def link_of(browser: Browser, client_id: int, name: str) -> str:
    page = browser.get(f"/clients/{client_id}").get_data(as_text=True)
    anchor = page[:page.index(f">{name}</a>")]
    return anchor[anchor.rindex('href="') + 6:].split('"', 1)[0]


def test_files_are_stored_by_hash_outside_the_web_root_under_safe_names(app, sign_in):
    browser = sign_in("ann", EVERYTHING)
    client_id = client_of(app, "Delta", browser.user_id)
    assert upload(browser, client_id, "../../etc/passwd.png", PNG).status_code == 302
    url = link_of(browser, client_id, "passwd.png")
    assert url.startswith("/activities/files/") and "passwd" not in url
    import hashlib

    settings = kontora(app).settings
    digest = hashlib.sha256(PNG).hexdigest()
    stored = settings.instance_path / "attachments" / digest[:2] / digest[2:4] / digest
    assert stored.read_bytes() == PNG
    for folder in (app.static_folder, *(bp.static_folder for bp in app.blueprints.values())):
        if folder:
            assert not stored.resolve().is_relative_to(Path(folder).resolve())
    # The same bytes again are stored once.
    upload(browser, client_id, "again.png", PNG)
    assert len(list((settings.instance_path / "attachments").rglob("*"))) == 3  # 2 dirs + file


def test_headers_name_the_detected_type_and_keep_the_file_inert(app, sign_in):
    browser = sign_in("ann", EVERYTHING)
    client_id = client_of(app, "Delta", browser.user_id)
    upload(browser, client_id, "photo.png", PNG)
    upload(browser, client_id, "offer.pdf", PDF)
    upload(browser, client_id, "notes.txt", "Преговори: цена 5%\n".encode())
    upload(browser, client_id, "fake.pdf", b"just text pretending\n")
    png = browser.get(link_of(browser, client_id, "photo.png"))
    assert png.status_code == 200 and png.data == PNG
    assert png.headers["Content-Type"] == "image/png"
    assert png.headers["Content-Disposition"].startswith("inline")
    assert png.headers["X-Content-Type-Options"] == "nosniff"
    assert png.headers["Cache-Control"].startswith("private")
    pdf = browser.get(link_of(browser, client_id, "offer.pdf"))
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.headers["Content-Disposition"].startswith("inline")
    text = browser.get(link_of(browser, client_id, "notes.txt"))
    assert text.headers["Content-Type"].startswith("text/plain")
    assert text.headers["Content-Disposition"].startswith("attachment")
    assert "sandbox" in text.headers["Content-Security-Policy"]
    # A name saying PDF does not make text a PDF: the bytes decide.
    fake = browser.get(link_of(browser, client_id, "fake.pdf.txt"))
    assert fake.headers["Content-Type"].startswith("text/plain")


def test_types_outside_the_allow_list_are_refused(app, sign_in):
    browser = sign_in("ann", EVERYTHING)
    client_id = client_of(app, "Delta", browser.user_id)
    for name, data in (("setup.exe", EXE), ("report.pdf", EXE), ("blob.bin", bytes(range(256)))):
        refused = upload(browser, client_id, name, data)
        assert refused.status_code == 422, name
        assert 'id="f-file"' in refused.get_data(as_text=True)
        assert "Attach images, PDF, office documents or plain text only." in \
            refused.get_data(as_text=True)
    assert not (kontora(app).settings.instance_path / "attachments").exists()


def test_only_readers_of_the_record_get_the_file(app, sign_in):
    ann = sign_in("ann", EVERYTHING, scope="own")
    client_id = client_of(app, "Ann's client", ann.user_id)
    upload(ann, client_id, "secret.pdf", PDF)
    url = link_of(ann, client_id, "secret.pdf")
    assert ann.get(url).status_code == 200
    other = sign_in("bob", EVERYTHING, scope="own")  # same rights, not his client
    assert other.get(url).status_code == 404
    no_clients = sign_in("cid", ["activities.read"])  # may not read clients at all
    assert no_clients.get(url).status_code == 404
    no_activities = sign_in("dan", ["parties.read"])  # reads the client, not its notes
    assert no_activities.get(url).status_code == 404
    assert app.test_client().get(url).status_code == 404  # signed out
    assert ann.get("/activities/files/not-a-key").status_code == 404


@pytest.mark.parametrize(("given", "kept"), [
    ("оферта.pdf", "оферта.pdf"),
    ("Ofertă client (final).pdf", "Ofertă_client_final.pdf"),
    ("C:\\Users\\ana\\Счёт №5.pdf", "Счёт_5.pdf"),
    ("../../etc/passwd", "passwd.pdf"),
    ("..hidden.pdf", "hidden.pdf"),
    ("", "file.pdf"),
])
def test_names_keep_letters_of_any_script_and_lose_paths(given: str, kept: str) -> None:
    from plugins.activities.storage import safe_name

    assert safe_name(given, "application/pdf") == kept
