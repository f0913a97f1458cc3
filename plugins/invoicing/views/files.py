"""The frozen PDF, its Factur-X form and the e-invoice XML of a document, for staff and
for the client link."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template

from core.documents import current_file, request_pdf
from core.documents.files import StoredPdf, file_bytes
from core.documents.models import READY
from plugins.invoicing.cii import cii_xml
from plugins.invoicing.facturx import facturx_pdf
from plugins.invoicing.services.common import kind_of
from plugins.invoicing.ubl import ubl_xml


def _name(doc: Any) -> str:
    return (doc.number or f"draft-{doc.id}").replace("/", "-")


def _frozen(doc: Any, back: str) -> tuple[StoredPdf | None, Any]:
    """The document's PDF once rendered, else the page asking to wait (202)."""
    row = current_file(kind_of(doc), doc.id)
    if row is None:
        row = request_pdf(kind_of(doc), doc.id)
    if row.status != READY:
        return None, (
            render_template("invoicing/pdf_wait.html", record=doc, row=row, back=back),
            202,
        )
    return file_bytes(row), None


def pdf_response(doc: Any, back: str) -> Any:
    stored, waiting = _frozen(doc, back)
    if stored is None:
        return waiting
    return Response(
        stored.content,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{_name(doc)}.pdf"',
            "X-Content-SHA256": stored.sha256,
            "Cache-Control": "private, no-cache",
        },
    )


def facturx_response(doc: Any, back: str) -> Any:
    """The frozen PDF as Factur-X (PDF/A-3b with ``factur-x.xml``), downloaded."""
    cii = cii_xml(doc)  # 409 for a draft or a proforma
    stored, waiting = _frozen(doc, back)
    if stored is None:
        return waiting
    return Response(
        facturx_pdf(stored.content, cii, title=doc.title),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{_name(doc)}-factur-x.pdf"'},
    )


def xml_response(doc: Any) -> Response:
    return Response(
        ubl_xml(doc),
        mimetype="application/xml",
        headers={"Content-Disposition": f'attachment; filename="{_name(doc)}.xml"'},
    )
