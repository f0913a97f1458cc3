"""Acceptance protocols for an order: prepared from its lines, sent in one click, signed
from the link like contracts; ``contracts.protocol-signed`` is announced after commit."""

from __future__ import annotations

from core.db import session
from core.documents import stored_pdf
from core.kernel import kontora
from plugins.contracts import services
from plugins.contracts.models import AcceptanceProtocol
from plugins.contracts.signing.pades import verify_pdf
from tests.plugins.contracts.conftest import (
    LINES,
    LINK,
    PNG,
    STAFF,
    as_staff,
    csrf_of,
    make_client,
    make_user,
    unit,
)


def test_protocol_for_an_order_is_signed_and_announced(capp, smtp_inbox):
    heard: list[dict] = []

    def listen(sender, **kwargs):
        heard.append({"id": sender, **kwargs})
    kontora(capp).events.signal("contracts.protocol-signed").connect(listen, weak=False)

    def prepare():
        from plugins.orders.services import create_order

        ann = make_user("ann", STAFF, email="ann@firm.test")
        client = make_client("City Hall", ann, email="clerk@city.test")
        order = create_order(as_staff(ann), {"party_id": client.id, "currency": "RON",
                                             "lines": LINES})
        protocol = services.create_protocol(as_staff(ann), {
            "source_kind": "orders.order", "source_id": order.id,
            "delivered_on": "2026-03-02", "remarks": "Delivered to the back gate."})
        assert [i.description for i in protocol.items] == ["Steel bolt M8", "Installation"]
        assert protocol.party_id == client.id
        services.send_protocol(as_staff(ann), protocol.id)
        assert protocol.number.startswith("PV-") and protocol.status == "sent"
        return protocol.id, order.id
    protocol_id, order_id = unit(capp, prepare)
    mail = next(m for m in smtp_inbox.messages if m["To"] == "clerk@city.test")
    path = LINK.search(mail.get_body(("plain",)).get_content()).group(1)
    web = capp.test_client()
    html = web.get(path).get_data(as_text=True)
    sha = html.split('name="shown_sha256" value="')[1].split('"')[0]
    done = web.post(path, data={"csrf_token": csrf_of(html), "name": "Clerk Ion",
                                "signature": PNG, "consent": "yes", "shown_sha256": sha})
    assert done.status_code == 200
    assert heard == [{"id": protocol_id, "party_id": heard[0]["party_id"],
                      "number": heard[0]["number"], "source_kind": "orders.order",
                      "source_id": order_id, "signer_name": "Clerk Ion"}]

    def check():
        assert session().get(AcceptanceProtocol, protocol_id).status == "signed"
        return stored_pdf("contracts.protocol", protocol_id, "signed").content
    content = unit(capp, check)
    with capp.app_context():
        assert verify_pdf(content).ok


def test_protocol_needs_a_readable_source(capp):
    import pytest

    from core.errors import ValidationError

    def run():
        ann = make_user("ann", STAFF)
        with pytest.raises(ValidationError) as err:
            services.create_protocol(as_staff(ann), {"source_kind": "orders.order",
                                                     "source_id": 424242,
                                                     "delivered_on": "2026-03-02"})
        assert "source_id" in err.value.fields
    unit(capp, run)


def test_a_draft_protocol_is_deleted_from_its_page_and_a_sent_one_stays(capp, smtp_inbox):
    from plugins.orders.services import create_order
    from tests.plugins.contracts.conftest import browser

    def prepare():
        ann = make_user("ann", STAFF, email="ann@firm.test")
        reader = make_user("rita", ["contracts.read", "orders.read"])
        client = make_client("City Hall", ann, email="clerk@city.test")
        order = create_order(as_staff(ann), {"party_id": client.id, "currency": "RON",
                                             "lines": LINES})
        draft, sent = (services.create_protocol(as_staff(ann), {
            "source_kind": "orders.order", "source_id": order.id,
            "delivered_on": "2026-03-02"}) for _ in range(2))
        services.send_protocol(as_staff(ann), sent.id)
        return ann, reader, draft.id, sent.id, order.id
    ann, reader, draft_id, sent_id, order_id = unit(capp, prepare)
    web = browser(capp, ann)
    page = web.get(f"/contracts/protocols/{draft_id}").get_data(as_text=True)
    assert f"/contracts/protocols/{draft_id}/remove" in page
    assert "/remove" not in web.get(f"/contracts/protocols/{sent_id}").get_data(as_text=True)
    assert browser(capp, reader).post(f"/contracts/protocols/{draft_id}/remove").status_code \
        == 403
    confirm = web.get(f"/contracts/protocols/{draft_id}/remove")
    assert confirm.status_code == 200 and "Delete the draft acceptance protocol" in \
        confirm.get_data(as_text=True)
    assert web.post(f"/contracts/protocols/{draft_id}/remove").status_code == 303
    refused = web.post(f"/contracts/protocols/{sent_id}/remove")
    assert refused.status_code == 303 and refused.location.endswith(f"/protocols/{sent_id}")

    def check():
        from plugins.activities.models import Note

        assert session().get(AcceptanceProtocol, draft_id) is None
        assert session().get(AcceptanceProtocol, sent_id).status == "sent"
        notes = session().query(Note).filter_by(record_kind="orders.order",
                                                record_id=order_id).all()
        assert any("deleted" in note.body for note in notes)
    unit(capp, check)
