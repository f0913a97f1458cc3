"""A prospect becomes a customer when it first accepts an offer, on its timeline."""

from __future__ import annotations

from sqlalchemy import select

from core.db import utcnow
from plugins.activities.models import Note
from plugins.offers import services
from tests.plugins.offers.test_services import new_offer


def _sent(world, client_status: str):
    world["client"].status = client_status
    offer = new_offer(world)
    offer.status, offer.sent_at = "sent", utcnow()
    world["session"].flush()
    return offer


def _client_notes(world) -> list[str]:
    return list(world["session"].scalars(select(Note.body).where(
        Note.record_kind == "parties.client", Note.record_id == world["client"].id)))


def test_an_accepted_offer_makes_the_prospect_a_customer(world):
    offer = _sent(world, "prospect")
    services.accept_offer(offer.id, principal=world["as_ann"])
    assert world["client"].status == "customer"
    assert _client_notes(world) == [
        f"Became a customer: offer {offer.reference} was accepted."]
    services.accept_offer(_sent(world, "customer").id, principal=world["as_ann"])
    assert len(_client_notes(world)) == 1  # already a customer: nothing more to say


def test_a_declined_offer_leaves_a_prospect(world):
    offer = _sent(world, "prospect")
    services.decline_offer(offer.id, principal=world["as_ann"])
    assert world["client"].status == "prospect" and _client_notes(world) == []
