"""Offer -> order through the document-content protocol, and orders made on acceptance.

``offerstub`` stands in for the offers plugin: it declares ``offers.offer``, describes its
offers and announces ``offers.offer-accepted``; orders imports none of it.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from core.conversions import convert, document_chain
from core.db import session
from core.kernel import kontora
from plugins.orders import services
from plugins.orders.models import Order
from tests.plugins.orders.conftest import SALES, as_staff, make_client, make_offer, make_user
from tests.plugins.orders.offer_stub.plugin import accept


def _orders() -> int:
    return session().scalar(select(func.count()).select_from(Order))


def test_offer_converts_once_and_both_show_the_chain(unit):
    def run():
        ann = make_user("ann", SALES)
        offer = make_offer(make_client("Acme SRL", ann).id, ann)
        first = convert(as_staff(ann), "offers.offer", offer.id, "orders.order")
        order = first.record
        assert first.created and order.reference == "OF-2025-0042" and order.currency == "EUR"
        assert [(line.description, line.quantity, line.net) for line in order.lines] == [
            ("Steel bolt M8", Decimal("10"), Decimal("11.40")),
            ("Installation", Decimal("2"), Decimal("100.00"))]
        assert order.total_gross == Decimal("11.40") + Decimal("2.17") + Decimal("109.00")
        again = convert(as_staff(ann), "offers.offer", offer.id, "orders.order")
        assert not again.created and again.target_id == order.id and _orders() == 1
        for kind, rid in (("offers.offer", offer.id), ("orders.order", order.id)):
            chain = document_chain(kind, rid, as_staff(ann))
            assert [(e.kind, e.record_id) for e in chain] == [("offers.offer", offer.id),
                                                              ("orders.order", order.id)]
    unit(run)


def test_the_order_is_addressed_to_the_offers_contact_person(unit):
    def run():
        from plugins.parties.services import add_contact

        ann = make_user("ann", [*SALES, "parties.write"])
        client = make_client("Acme SRL", ann)
        person = add_contact(as_staff(ann), client.id, {"contact": {"name": "Ioana Pop"}})
        offer = make_offer(client.id, ann)
        offer.contact_id = person.contact_id
        order = convert(as_staff(ann), "offers.offer", offer.id, "orders.order").record
        assert order.contact_id == person.contact_id
    unit(run)


def test_order_answers_the_content_protocol(unit):
    def run():
        from core.conversions import read_content

        ann = make_user("ann", SALES)
        order = convert(as_staff(ann), "offers.offer",
                        make_offer(make_client("Acme SRL", ann).id, ann).id,
                        "orders.order").record
        content = read_content("orders.order", order.id)
        assert content["party_id"] == order.party_id and content["currency"] == "EUR"
        assert content["totals"]["gross"] == order.total_gross
        assert [line["net"] for line in content["lines"]] == [Decimal("11.40"),
                                                              Decimal("100.00")]
    unit(run)


def test_an_offer_without_client_is_refused_clearly(unit):
    def run():
        import pytest

        from core.errors import ValidationError

        ann = make_user("ann", SALES)
        offer = make_offer(None, ann)
        with pytest.raises(ValidationError) as caught:
            convert(as_staff(ann), "offers.offer", offer.id, "orders.order")
        assert "has no client" in caught.value.fields["party_id"][0]
    unit(run)


def _accepting(oapp, unit, *, setting: bool, fail: bool = False) -> int:
    def prepare():
        ann = make_user("ann", SALES)
        root = make_user("root", ["orders.configure"])
        services.update_settings(as_staff(root), create_on_acceptance=setting)
        return make_offer(make_client("Acme SRL", ann).id, ann).id

    offer_id = unit(prepare)
    try:
        with oapp.app_context(), kontora(oapp).db.unit():
            accept(offer_id, comment="Yes, please")
            if fail:
                raise RuntimeError("the acceptance fails after announcing")
    except RuntimeError:
        pass
    return offer_id


def test_order_made_on_acceptance_when_the_setting_is_on(oapp, unit):
    offer_id = _accepting(oapp, unit, setting=True)

    def check():
        [order] = session().scalars(select(Order))
        assert order.reference == "OF-2025-0042" and order.status == "draft"
        owner_id = session().scalar(select(Order.owner_id))
        from core.web.models import Notification

        [told] = session().scalars(select(Notification).where(
            Notification.user_id == owner_id))  # the offer's owner, who now owns the order
        assert "created from the accepted OF-2025-0042" in told.message
        # the same acceptance announced again (or a click on "Create order") makes no other
        accept(offer_id)
    unit(check)
    assert unit(_orders) == 1


def test_no_order_on_acceptance_when_the_setting_is_off(oapp, unit):
    _accepting(oapp, unit, setting=False)
    assert unit(_orders) == 0


def test_no_order_for_a_rolled_back_acceptance(oapp, unit):
    _accepting(oapp, unit, setting=True, fail=True)
    assert unit(_orders) == 0


def test_order_made_on_acceptance_is_sent_when_the_setting_says_so(mail_app, smtp_inbox):
    def prepare(email):
        ann = make_user(f"ann-{email}", SALES)
        root = make_user(f"root-{email}", ["orders.configure"])
        services.update_settings(as_staff(root), create_on_acceptance=True,
                                 send_on_acceptance=True)
        return make_offer(make_client(f"Acme {email}", ann, email=email).id, ann).id

    for email in ("buyer@acme.test", None):
        with mail_app.app_context(), kontora(mail_app).db.unit():
            offer_id = prepare(email)
        with mail_app.app_context(), kontora(mail_app).db.unit():
            accept(offer_id, comment="Yes")
    with mail_app.app_context(), kontora(mail_app).db.unit():
        statuses = sorted(session().scalars(select(Order.status)))
        from core.web.models import Notification

        told = [n.message for n in session().scalars(select(Notification))]
    assert statuses == ["draft", "sent"]
    assert [m["To"] for m in smtp_inbox.messages if "confirm" in
            m.get_body(("plain",)).get_content().lower()] == ["buyer@acme.test"]
    assert any("was not sent" in m and "e-mail" in m for m in told), told
