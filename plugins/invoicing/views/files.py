"""The frozen PDF and the e-invoice XML of a document, for staff and for the client link."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template

from core.documents import current_file, request_pdf
from core.documents.files import file_bytes
from core.documents.models import READY
from plugins.invoicing.services.common import kind_of
from plugins.invoicing.ubl import ubl_xml


def _name(doc: Any) -> str:
    return (doc.number or f"draft-{doc.id}").replace("/", "-")


def pdf_response(doc: Any, back: str) -> Any:
    row = current_file(kind_of(doc), doc.id)
    if row is None:
        row = request_pdf(kind_of(doc), doc.id)
    if row.status != READY:
        return render_template("invoicing/pdf_wait.html", record=doc, row=row, back=back), 202
    stored = file_bytes(row)
    return Response(stored.content, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{_name(doc)}.pdf"',
        "X-Content-SHA256": stored.sha256, "Cache-Control": "private, no-cache"})


def xml_response(doc: Any) -> Response:
    return Response(ubl_xml(doc), mimetype="application/xml", headers={
        "Content-Disposition": f'attachment; filename="{_name(doc)}.xml"'})
