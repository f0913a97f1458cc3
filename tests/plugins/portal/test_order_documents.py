"""The portal's order page lists what followed the order, each document answered by its own
plugin (``kontora_portal_documents``) under its portal rules: the contract and the invoice
made from it, its acceptance protocol, its shipment with the tracking link and the
complaint about it; drafts stay out. The complaint form offers the client's own orders,
invoices, shipments and the products it bought, and nothing of another client."""

from __future__ import annotations

import io

from sqlalchemy import select

from core.app import kontora
from core.identity.users import principal_for
from tests.plugins.complaints.conftest import PNG
from tests.plugins.portal.conftest import invited
from tests.plugins.portal.paperwork import (
    LINES,
    dispatched_shipment,
    issued_invoice,
    order_paperwork,
    sent_protocol,
)


def _order(app, staff_id: int, client_id: int) -> int:
    from plugins.orders.services import create_order

    with app.test_request_context(), kontora(app).db.unit():
        return create_order(principal_for(staff_id), {"party_id": client_id, "currency": "RON",
                                                      "lines": LINES}).id


def _numbers(app, ids: dict[str, int]) -> dict[str, str]:
    from plugins.contracts.models import AcceptanceProtocol, Contract
    from plugins.invoicing.models import BillingDocument
    from plugins.shipping.models import Shipment

    with app.app_context(), kontora(app).db.unit() as s:
        return {"contract": s.get(Contract, ids["contract"]).number,
                "invoice": s.get(BillingDocument, ids["invoice"]).number,
                "protocol": s.get(AcceptanceProtocol, ids["protocol"]).number,
                "shipment": s.get(Shipment, ids["shipment"]).number}


def _draft_protocol(app, order_id: int) -> int:
    from datetime import date

    from plugins.contracts.services import create_protocol
    from tests.plugins.portal.paperwork import _clerk

    with app.test_request_context(), kontora(app).db.unit():
        return create_protocol(_clerk(), {"source_kind": "orders.order", "source_id": order_id,
                                          "delivered_on": date.today().isoformat()}).id


def test_the_order_page_lists_every_follow_up_document(papp, smtp_inbox, two_clients):
    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    order_id = _order(papp, two_clients["staff"], two_clients["a"])
    ids = order_paperwork(papp, order_id)
    ids["protocol"] = sent_protocol(papp, two_clients["a"], order_id)
    draft = _draft_protocol(papp, order_id)
    ids["shipment"] = dispatched_shipment(papp, order_id)
    numbers = _numbers(papp, ids)

    filed = alfa.post("/portal/complaints/new", {
        "subject": f"orders.order:{order_id}", "description": "Two frames arrived bent.",
        "file": (io.BytesIO(PNG), "bent.png")},
        form_page="/portal/complaints/new", content_type="multipart/form-data")
    assert filed.status_code == 303
    complaint_id = int(filed.location.rstrip("/").rsplit("/", 1)[1])

    page = alfa.get(f"/portal/orders/{order_id}").get_data(as_text=True)
    documents = page.split("data-documents>")[1].split("</table>")[0]
    for kind, key in (("contracts.contract", "contract"), ("invoicing.invoice", "invoice"),
                      ("contracts.protocol", "protocol"), ("shipping.shipment", "shipment")):
        assert f'data-document="{kind}:{ids[key]}"' in documents, kind
        assert numbers[key] in documents, key
    assert f'data-document="complaints.complaint:{complaint_id}"' in documents
    assert f'data-document="contracts.protocol:{draft}"' not in documents
    assert "https://track.fastcargo.test/?awb=AWB%207781%2F22" in documents
    assert "FastCargo (Express)" in documents and "Dispatched" in documents
    for url in (f"/portal/shipments/{ids['shipment']}", f"/portal/invoices/{ids['invoice']}/pdf",
                f"/portal/contracts/contract/{ids['contract']}",
                f"/portal/contracts/protocol/{ids['protocol']}",
                f"/portal/complaints/{complaint_id}"):
        assert url in documents, url
        assert alfa.get(url).status_code == 200, url


def test_the_complaint_form_offers_the_clients_own_records_only(papp, smtp_inbox,
                                                                  two_clients):
    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    mine = _order(papp, two_clients["staff"], two_clients["a"])
    ids = order_paperwork(papp, mine)
    shipment = dispatched_shipment(papp, mine)
    theirs = issued_invoice(papp, two_clients["b"])
    form = alfa.get("/portal/complaints/new").get_data(as_text=True)
    for value in (f"orders.order:{mine}", f"invoicing.invoice:{ids['invoice']}",
                  f"shipping.shipment:{shipment}"):
        assert f'value="{value}"' in form, value
    assert f'value="invoicing.invoice:{theirs}"' not in form
    refused = alfa.post("/portal/complaints/new", {
        "subject": f"invoicing.invoice:{theirs}", "description": "Wrong VAT."},
        form_page="/portal/complaints/new")
    assert refused.status_code == 422 and "is-invalid" in refused.get_data(as_text=True)
    filed = alfa.post("/portal/complaints/new", {
        "subject": f"shipping.shipment:{shipment}", "cause": "damaged",
        "description": "The pallet was crushed."}, form_page="/portal/complaints/new")
    assert filed.status_code == 303
    detail = alfa.get(filed.location).get_data(as_text=True)
    assert "Received" in detail and "No photos yet." in detail
    added = alfa.post(f"{filed.location}/photos", {"file": (io.BytesIO(PNG),
                                                             "crushed.png")},
                      form_page=filed.location, content_type="multipart/form-data")
    assert added.status_code == 303
    detail = alfa.get(filed.location).get_data(as_text=True)
    assert "<img" in detail and "crushed.png" in detail
    with papp.app_context(), kontora(papp).db.unit() as s:  # the owner told, on the timeline
        from core.web.models import Notification
        from plugins.activities.models import Attachment

        told = s.scalars(select(Notification.message).where(
            Notification.user_id == two_clients["staff"])).all()
        assert any("added photos" in message for message in told), told
        assert s.scalars(select(Attachment).where(
            Attachment.filename == "crushed.png")).one().note.record_kind == \
            "complaints.complaint"
    wrong = alfa.post(f"{filed.location}/photos", {
        "file": (io.BytesIO(b"MZ\x90\x00 not a photo"), "tool.exe")},
        form_page=filed.location, content_type="multipart/form-data")
    assert wrong.status_code == 422 and "is-invalid" in wrong.get_data(as_text=True)
