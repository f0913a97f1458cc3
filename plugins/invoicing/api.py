"""REST endpoints for invoicing under ``/api/v1/invoicing.invoice``.

Reading and listing are the kernel's generic resource; writing goes through this plugin's
services: drafts and their lines (added, changed, removed while a draft), issuing,
crediting, sending, the e-invoice XML and the exchange rates.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.etag import expected_version, with_etag
from core.api.openapi import operation
from core.api.resources import register_resource
from core.documents import stored_pdf
from core.errors import Conflict
from core.i18n import gettext as _
from plugins.invoicing import services
from plugins.invoicing.cii import cii_xml
from plugins.invoicing.conversions import CONTRACT
from plugins.invoicing.facturx import facturx_pdf
from plugins.invoicing.schedule_schemas import ScheduleSchema
from plugins.invoicing.schemas import (
    CreditSchema,
    InvoiceChangeSchema,
    InvoiceSchema,
    IssueSchema,
    LineChangeSchema,
    LineSchema,
    RateSchema,
    SendSchema,
)
from plugins.invoicing.services import schedules
from plugins.invoicing.services.common import kind_of, load_document
from plugins.invoicing.ubl import ubl_xml

bp = api_blueprint("invoicing_api", __name__)
register_resource(
    bp,
    kind="invoicing.invoice",
    schema=InvoiceSchema,
    actions=("list", "get"),
    filters=["status", "party_id", "currency", "number", "doc_type"],
)

BASE = "/invoicing.invoice"
ITEM = f"{BASE}/<{RECORD_ID}:record_id>"
TAGS = ["invoicing.invoice"]


def _doc(doc: Any, status: int = 200) -> Response:
    response = with_etag(jsonify(InvoiceSchema().dump(doc)), doc)
    response.status_code = status
    return response


@bp.post(BASE)
@operation(
    "POST",
    summary="Create a draft invoice or proforma with its lines",
    tags=TAGS,
    request=InvoiceSchema,
    responses={201: InvoiceSchema},
    errors=(403, 422),
)
def create_invoice():
    return _doc(services.create_invoice(api_principal(), json_body()), 201)


@bp.patch(ITEM)
@operation(
    "PATCH",
    summary="Change a draft",
    tags=TAGS,
    request=InvoiceChangeSchema,
    responses={200: InvoiceSchema},
    errors=(409, 412, 422),
)
def update_invoice(record_id: int):
    return _doc(
        services.update_invoice(
            api_principal(), record_id, json_body(), expected_version=expected_version()
        )
    )


@bp.delete(ITEM)
@operation("DELETE", summary="Delete a draft", tags=TAGS, responses={204: None}, errors=(409, 412))
def delete_invoice(record_id: int):
    services.delete_invoice(api_principal(), record_id, expected_version=expected_version())
    return "", 204


@bp.post(f"{ITEM}/lines")
@operation(
    "POST",
    summary="Add a line to a draft",
    tags=TAGS,
    request=LineSchema,
    responses={201: InvoiceSchema},
    errors=(403, 409, 422),
)
def add_line(record_id: int):
    principal = api_principal()
    services.add_line(principal, record_id, json_body())
    return _doc(load_document(principal, record_id), 201)


LINE = f"{ITEM}/lines/<{RECORD_ID}:line_id>"


@bp.patch(LINE)
@operation(
    "PATCH",
    summary="Change a draft's line: quantity, unit price, discount",
    tags=TAGS,
    request=LineChangeSchema,
    responses={200: InvoiceSchema},
    errors=(409, 422),
)
def update_line(record_id: int, line_id: int):
    principal = api_principal()
    services.update_line(principal, record_id, line_id, json_body())
    return _doc(load_document(principal, record_id))


@bp.delete(LINE)
@operation(
    "DELETE",
    summary="Remove a line from a draft",
    tags=TAGS,
    responses={200: InvoiceSchema},
    errors=(409,),
)
def remove_line(record_id: int, line_id: int):
    principal = api_principal()
    services.remove_line(principal, record_id, line_id)
    return _doc(load_document(principal, record_id))


@bp.post(f"{ITEM}/issue")
@operation(
    "POST",
    summary="Issue: number, date, rate, frozen PDF",
    tags=TAGS,
    request=IssueSchema,
    responses={200: InvoiceSchema},
    errors=(409, 412, 422),
)
def issue_invoice(record_id: int):
    data = json_body() if request.data else {}
    return _doc(
        services.issue_invoice(
            api_principal(), record_id, data, expected_version=expected_version()
        )
    )


@bp.post(f"{ITEM}/credit")
@operation(
    "POST",
    summary="Draft a credit note, wholly or by lines",
    tags=TAGS,
    request=CreditSchema,
    responses={201: InvoiceSchema},
    errors=(409, 422),
)
def credit_invoice(record_id: int):
    data = json_body() if request.data else {}
    return _doc(services.credit_invoice(api_principal(), record_id, data), 201)


@bp.post(f"{ITEM}/send")
@operation(
    "POST",
    summary="E-mail the issued document with its client link",
    tags=TAGS,
    request=SendSchema,
    responses={200: InvoiceSchema},
    errors=(409, 422),
)
def send_invoice(record_id: int):
    data = json_body() if request.data else {}
    return _doc(services.send_invoice(api_principal(), record_id, data))


@bp.get(f"{ITEM}/ubl")
@operation(
    "GET",
    summary="The UBL 2.1 e-invoice (EN 16931, CIUS-RO)",
    tags=TAGS,
    responses={200: None},
    errors=(409,),
)
def get_ubl(record_id: int):
    doc = load_document(api_principal(), record_id)
    return Response(ubl_xml(doc), mimetype="application/xml")


@bp.get(f"{ITEM}/facturx")
@operation(
    "GET",
    summary="The frozen PDF as Factur-X (PDF/A-3b with the CII XML embedded)",
    tags=TAGS,
    responses={200: None},
    errors=(409,),
)
def get_facturx(record_id: int):
    doc = load_document(api_principal(), record_id)
    cii = cii_xml(doc)
    stored = stored_pdf(kind_of(doc), doc.id)
    if stored is None:
        raise Conflict(_("The PDF is still being rendered; try again in a moment."))
    return Response(facturx_pdf(stored.content, cii, title=doc.title), mimetype="application/pdf")


@bp.post("/invoicing.rates")
@operation(
    "POST",
    summary="Enter an exchange rate",
    tags=TAGS,
    request=RateSchema,
    responses={201: RateSchema},
    errors=(403, 422),
)
def set_rate():
    return jsonify(RateSchema().dump(services.set_rate(api_principal(), json_body()))), 201


@bp.get("/invoicing.rates")
@operation(
    "GET",
    summary="The latest exchange rates, newest date first",
    tags=TAGS,
    responses={200: RateSchema(many=True)},
)
def list_rates():
    return jsonify(RateSchema(many=True).dump(services.recent_rates(api_principal())))


@bp.post("/invoicing.rates/bnr")
@operation(
    "POST",
    summary="Import BNR's daily XML file (nbrfxrates.xml, the request body)",
    tags=TAGS,
    responses={200: None},
    errors=(403, 422),
)
def import_bnr():
    return jsonify(
        {"imported": services.import_bnr_xml(api_principal(), request.get_data(cache=False))}
    )


SCHEDULE = f"/invoicing.schedules/{CONTRACT}/<{RECORD_ID}:record_id>"
SCHEDULE_TAGS = ["invoicing.schedules"]


@bp.get(SCHEDULE)
@operation(
    "GET",
    summary="The contract's monthly billing schedule",
    tags=SCHEDULE_TAGS,
    responses={200: ScheduleSchema},
)
def get_schedule(record_id: int):
    return jsonify(
        ScheduleSchema().dump(schedules.read_schedule(api_principal(), CONTRACT, record_id))
    )


@bp.put(SCHEDULE)
@operation(
    "PUT",
    summary="Set (or restart) the contract's monthly billing schedule",
    tags=SCHEDULE_TAGS,
    request=ScheduleSchema,
    responses={200: ScheduleSchema},
    errors=(422,),
)
def set_schedule(record_id: int):
    return jsonify(
        ScheduleSchema().dump(
            schedules.set_schedule(api_principal(), CONTRACT, record_id, json_body())
        )
    )


@bp.delete(SCHEDULE)
@operation(
    "DELETE",
    summary="Stop the contract's billing schedule; invoices made stay",
    tags=SCHEDULE_TAGS,
    responses={200: ScheduleSchema},
)
def stop_schedule(record_id: int):
    return jsonify(
        ScheduleSchema().dump(schedules.stop_schedule(api_principal(), CONTRACT, record_id))
    )
