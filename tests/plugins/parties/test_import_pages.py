"""Import pages (upload, mapping, dry run, run, progress) and the client list's exports."""

from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook

from tests.core.web.conftest import sign_in

__all__ = ["sign_in"]

IMPORTER = ["parties.read", "parties.write", "parties.import", "parties.export"]
FILE = ("Name;Country;CUI;Email\n"
        "Alfa Construct SRL;RO;18547290;office@alfa.example.ro\n"
        "Beta SRL;RO;18547291;\n"
        "Gama Trade SRL;RO;;gama@example.ro\n")


def _upload(browser, text: str = FILE, name: str = "clients.csv"):
    return browser.post("/clients/imports/", {
        "target": "clients", "file": (io.BytesIO(text.encode("utf-8-sig")), name)},
        content_type="multipart/form-data")


def test_upload_map_dry_run_then_import(sign_in):
    browser = sign_in("ann", IMPORTER)
    assert _upload(browser, name="notes.pdf").status_code == 422
    uploaded = _upload(browser)
    assert uploaded.status_code == 302
    page_url = uploaded.headers["Location"].removeprefix("http://localhost")
    page = browser.get(page_url).get_data(as_text=True)
    assert re.search(r'name="column.2".*?<option value="tax_id" selected', page, re.S)
    mapping = {"column.0": "name", "column.1": "country", "column.2": "tax_id",
               "column.3": "email", "duplicates": "skip"}
    bad = browser.post(page_url + "/start", {**mapping, "column.1": "", "dry_run": "1"})
    assert bad.status_code == 422 and "Map a column to" in bad.get_data(as_text=True)
    # inline jobs: the dry run has run once the request committed
    assert browser.post(page_url + "/start", {**mapping, "dry_run": "1"}).status_code == 302
    report = browser.get(page_url).get_data(as_text=True)
    assert 'data-import-result="done"' in report and 'data-problem-row="3"' in report
    assert "check digit" in report
    assert "Alfa Construct" not in browser.get("/clients/").get_data(as_text=True)
    progress = browser.get(page_url + "/progress")
    assert progress.headers.get("HX-Refresh") == "true" and "100%" in progress.get_data(
        as_text=True)
    assert browser.post(page_url + "/start", {**mapping, "dry_run": "0"}).status_code == 302
    listing = browser.get("/clients/").get_data(as_text=True)
    assert "Alfa Construct SRL" in listing and "Gama Trade SRL" in listing
    assert "Beta SRL" not in listing
    assert browser.get("/clients/imports/").status_code == 200
    other = sign_in("bob", IMPORTER)
    assert other.get(page_url).status_code == 404
    assert sign_in("cid", ["parties.read"]).get("/clients/imports/").status_code == 403


def test_the_client_list_exports_what_its_filters_show(sign_in):
    browser = sign_in("ann", IMPORTER)
    for name, status in (("Alfa SRL", "customer"), ("Beta SRL", "prospect")):
        browser.post("/clients/new", {"kind": "legal_entity", "status": status,
                                      "relationship_type": "customer", "name": name,
                                      "country": "RO", "confirm": "1"})
    page = browser.get("/clients/?status=customer").get_data(as_text=True)
    assert "export.csv?status=customer" in page
    text = browser.get("/clients/export.csv?status=customer").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r[1] for r in rows] == ["Name", "Alfa SRL"]
    book = load_workbook(io.BytesIO(browser.get("/clients/export.xlsx?q=beta").data))
    assert [c.value for c in next(book.active.iter_rows(min_row=2))][1] == "Beta SRL"
    assert sign_in("bob", ["parties.read"]).get("/clients/export.csv").status_code == 403
