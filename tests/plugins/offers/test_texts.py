"""Named offer texts: admins keep them, salespeople pick one per offer, and the offer's HTML
and PDF print the chosen one; a broken template or an archived text is a field error."""

from __future__ import annotations

import io

import pypdf
import pytest
from sqlalchemy.exc import IntegrityError

from core.documents.pdf import html_to_pdf
from core.errors import Conflict, Forbidden, ValidationError
from core.identity.users import staff_principal
from plugins.offers import services
from plugins.offers.documents import offer_html
from plugins.offers.models import OfferText
from plugins.offers.seed import seed_offer_texts
from plugins.offers.services import texts
from tests.plugins.offers.conftest import make_user

STANDARD = {"name": "Standard", "body": "<p>Dear {{ client.name }}, our full offer.</p>",
            "terms": "Payment within 30 days.", "is_default": True}
SHORT = {"name": "Short", "body": "<p>In short: {{ offer.total_gross }} {{ offer.currency }}.</p>"}


@pytest.fixture
def boss(world):
    return staff_principal(make_user("boss", ["offers.configure", "offers.read"]))


def offer_for(world, **extra):
    return services.create_offer(world["as_ann"], {
        "title": "Support", "currency": "RON", "party_id": world["client"].id,
        "lines": [{"product_id": world["support"].id, "quantity": "2"}], **extra})


def test_a_new_offer_gets_the_default_and_prints_the_text_it_picks(world, boss):
    standard = texts.create_text(boss, STANDARD)
    short = texts.create_text(boss, SHORT)
    offer = offer_for(world)
    assert offer.text_id == standard.id
    html = offer_html(offer)
    assert "Dear Carpați Construct SRL, our full offer." in html
    assert "Payment within 30 days." in html          # the text's terms stand in

    picked = services.update_offer(world["as_ann"], offer.id, {"text_id": short.id})
    html = offer_html(picked)
    assert "In short: 154.70 RON." in html and "our full offer" not in html
    assert "Payment within 30 days." not in html
    text = "".join(page.extract_text() for page in
                   pypdf.PdfReader(io.BytesIO(html_to_pdf(html))).pages)
    assert "In short: 154.70 RON." in text


def test_own_intro_and_terms_win_over_the_texts(world, boss):
    texts.create_text(boss, {**STANDARD, "intro": "Text intro."})
    html = offer_html(offer_for(world, intro="My intro.", terms="My terms."))
    assert "My intro." in html and "My terms." in html
    assert "Text intro." not in html and "Payment within 30 days." not in html


def test_a_broken_template_is_refused_naming_the_body(world, boss):
    with pytest.raises(ValidationError) as caught:
        texts.create_text(boss, {"name": "Broken", "body": "{{ client.name "})
    assert caught.value.status == 422 and "body" in caught.value.fields
    text = texts.create_text(boss, SHORT)
    with pytest.raises(ValidationError) as caught:
        texts.update_text(boss, text.id, {"body": "{% for x in %}"})
    assert "body" in caught.value.fields


def test_names_are_unique_and_one_text_is_the_default(world, boss):
    standard = texts.create_text(boss, STANDARD)
    with pytest.raises(ValidationError) as caught:
        texts.create_text(boss, {**SHORT, "name": " Standard "})
    assert "name" in caught.value.fields
    short = texts.create_text(boss, {**SHORT, "is_default": True})
    assert short.is_default and not standard.is_default
    with pytest.raises(ValidationError) as caught:
        texts.update_text(boss, short.id, {"is_default": False})
    assert "is_default" in caught.value.fields


def test_an_archived_text_cannot_be_picked_but_offers_keep_theirs(world, boss):
    texts.create_text(boss, STANDARD)
    short = texts.create_text(boss, SHORT)
    offer = offer_for(world, text_id=short.id)
    archived = texts.archive_text(boss, short.id)
    assert archived.active is False
    assert "In short:" in offer_html(offer)          # printed as before
    services.update_offer(world["as_ann"], offer.id, {"title": "Still short"})
    with pytest.raises(ValidationError) as caught:
        offer_for(world, text_id=short.id)
    assert caught.value.status == 422 and "text_id" in caught.value.fields
    with pytest.raises(ValidationError):
        services.update_offer(world["as_ann"], offer.id, {"text_id": 999999})


def test_the_default_text_cannot_be_archived(world, boss):
    standard = texts.create_text(boss, STANDARD)
    with pytest.raises(Conflict):
        texts.archive_text(boss, standard.id)


def test_a_salesperson_picks_texts_but_cannot_keep_them(world, boss):
    short = texts.create_text(boss, SHORT)
    for change in (lambda: texts.create_text(world["as_ann"], STANDARD),
                   lambda: texts.update_text(world["as_ann"], short.id, {"name": "Mine"}),
                   lambda: texts.archive_text(world["as_ann"], short.id)):
        with pytest.raises(Forbidden):
            change()
    assert offer_for(world, text_id=short.id).text_id == short.id


def test_a_revision_keeps_the_text(world, boss):
    texts.create_text(boss, STANDARD)
    short = texts.create_text(boss, SHORT)
    offer = offer_for(world, text_id=short.id, recipient_email="office@carpati.test")
    offer.status, offer.number = "sent", "OF-1"          # as sending leaves it
    revision = services.revise_offer(world["as_ann"], offer.id)
    assert revision.id != offer.id and revision.text_id == short.id


def test_the_seed_ships_two_texts_and_points_old_offers_to_the_default(world):
    offer = offer_for(world)
    assert offer.text_id is None                          # as before the texts existed
    session = world["session"]
    seed_offer_texts(session)
    seed_offer_texts(session)                             # a second upgrade adds nothing
    rows = texts.all_texts()
    assert [(t.name, t.is_default) for t in rows] == [("Standard", True), ("Short", False)]
    session.refresh(offer)
    assert offer.text_id == rows[0].id
    assert "Dear Carpați Construct SRL," in offer_html(offer)


def test_the_database_keeps_one_default_when_saves_race(world, boss):
    texts.create_text(boss, STANDARD)
    session = world["session"]
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(OfferText(name="Raced", body="", is_default=True))
        session.flush()
    assert [t.name for t in texts.all_texts() if t.is_default] == ["Standard"]
