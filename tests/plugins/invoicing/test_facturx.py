"""Factur-X: the frozen PDF of an issued invoice comes back as a PDF/A-3b carrying
``factur-x.xml`` (the CII that passes EN 16931) with the right XMP and AF relationship,
from the API and the client link (the staff page: test_views); drafts and proformas have none."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest
from lxml import etree
from pypdf import PdfReader

from core.db import session
from core.documents import stored_pdf
from core.kernel import kontora
from plugins.invoicing import services
from plugins.invoicing.cii import cii_xml
from plugins.invoicing.facturx import FX_NS
from plugins.invoicing.models import BillingDocument
from plugins.invoicing.services.common import kind_of
from tests.core.api.support import bearer
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.invoicing.conftest import line, make_client, make_seller, make_user, principal

BASE = "/api/v1/invoicing.invoice"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XMP_NS = {
    "rdf": RDF,
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "fx": FX_NS,
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}


@pytest.fixture
def mail_app(make_iapp: Any, smtp_inbox: Inbox) -> Any:  # noqa: F811
    return make_iapp(KONTORA_SMTP_URL=smtp_inbox.url, KONTORA_BASE_URL="http://kontora.test")


def _issued(app: Any) -> dict[str, Any]:
    with app.app_context(), kontora(app).db.unit():
        anna = make_user("anna")
        who = principal(anna)
        make_seller()
        client = make_client(email="buyer@client.test")
        doc = services.create_invoice(
            who,
            {
                "party_id": client.id,
                "currency": "RON",
                "lines": [line(), line("Carte", "2", "45.5", "5")],
            },
        )
        draft = services.create_invoice(
            who, {"party_id": client.id, "currency": "RON", "lines": [line()]}
        )
        proforma = services.create_invoice(
            who,
            {"party_id": client.id, "currency": "RON", "doc_type": "proforma", "lines": [line()]},
        )
        services.issue_invoice(who, doc.id, {"issue_date": "2026-03-02"})
        services.issue_invoice(who, proforma.id, {"issue_date": "2026-03-02"})
        return {
            "id": doc.id,
            "number": doc.number,
            "draft": draft.id,
            "proforma": proforma.id,
            "auth": bearer(anna),
        }


def _frozen_and_cii(app: Any, doc_id: int) -> tuple[bytes, bytes]:
    with app.app_context(), kontora(app).db.unit():
        doc = session().get(BillingDocument, doc_id)
        return stored_pdf(kind_of(doc), doc_id).content, cii_xml(doc)


def check_facturx(content: bytes, frozen: bytes, cii: bytes, number: str) -> None:
    """``content`` is the frozen PDF's pages as PDF/A-3b with ``cii`` as factur-x.xml."""
    assert content.startswith(b"%PDF-1.7")
    pdf = PdfReader(BytesIO(content))
    assert len(pdf.pages) == len(PdfReader(BytesIO(frozen)).pages)
    assert pdf.pages[0].extract_text() == PdfReader(BytesIO(frozen)).pages[0].extract_text()
    assert pdf.attachments["factur-x.xml"] == [cii]
    root = pdf.trailer["/Root"]
    spec = root["/AF"][0].get_object()
    assert spec["/F"] == spec["/UF"] == "factur-x.xml"
    assert spec["/AFRelationship"] == "/Alternative"
    assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/text/xml"
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    assert pdf.trailer["/ID"]
    meta = root["/Metadata"].get_object()
    assert meta["/Subtype"] == "/XML"
    xmp = etree.fromstring(meta.get_data())
    assert xmp.findtext(".//pdfaid:part", namespaces=XMP_NS) == "3"
    assert xmp.findtext(".//pdfaid:conformance", namespaces=XMP_NS) == "B"
    assert xmp.findtext(".//fx:DocumentType", namespaces=XMP_NS) == "INVOICE"
    assert xmp.findtext(".//fx:DocumentFileName", namespaces=XMP_NS) == "factur-x.xml"
    assert xmp.findtext(".//fx:Version", namespaces=XMP_NS) == "1.0"
    assert xmp.findtext(".//fx:ConformanceLevel", namespaces=XMP_NS) == "EN 16931"
    assert xmp.findtext(".//pdfaSchema:namespaceURI", namespaces=XMP_NS) == FX_NS
    assert {n.text for n in xmp.iterfind(".//pdfaProperty:name", namespaces=XMP_NS)} == {
        "DocumentType",
        "DocumentFileName",
        "Version",
        "ConformanceLevel",
    }
    assert number in xmp.findtext(".//dc:title/rdf:Alt/rdf:li", namespaces=XMP_NS)
    assert pdf.metadata.title == xmp.findtext(".//dc:title/rdf:Alt/rdf:li", namespaces=XMP_NS)


def test_the_api_gives_the_frozen_pdf_as_facturx_with_valid_cii(iapp: Any, rules: Any) -> None:
    made = _issued(iapp)
    api = iapp.test_client()
    got = api.get(f"{BASE}/{made['id']}/facturx", headers=made["auth"])
    assert got.status_code == 200 and got.mimetype == "application/pdf"
    frozen, cii = _frozen_and_cii(iapp, made["id"])
    check_facturx(got.data, frozen, cii, made["number"])
    assert rules.fatal_cii(cii) == []
    for other in (made["draft"], made["proforma"]):
        assert api.get(f"{BASE}/{other}/facturx", headers=made["auth"]).status_code == 409


def test_the_client_link_downloads_it(mail_app: Any, smtp_inbox: Inbox) -> None:  # noqa: F811
    made = _issued(mail_app)
    with mail_app.app_context(), kontora(mail_app).db.unit():
        services.send_invoice(principal(make_user("bob")), made["id"])
    body = smtp_inbox.messages[-1].get_body(("plain",)).get_content()
    browser = mail_app.test_client()
    page = browser.get(
        re.search(r"http://kontora\.test(/l/\S+)", body).group(1), follow_redirects=True
    ).get_data(as_text=True)
    url = re.search(r'href="([^"]+/facturx)"[^>]*data-facturx', page).group(1)
    got = browser.get(url)
    assert got.status_code == 200
    assert "factur-x.pdf" in got.headers["Content-Disposition"]
    frozen, cii = _frozen_and_cii(mail_app, made["id"])
    check_facturx(got.data, frozen, cii, made["number"])
