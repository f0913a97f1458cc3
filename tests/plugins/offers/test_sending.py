"""The whole path through a real SMTP server: send, read the PDF back, open the link from
the e-mail, accept or decline, signals after commit, the owner told; link pages."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from decimal import Decimal as D
from typing import Any

import pypdf
import pytest
from sqlalchemy import select, update

from core.db import session, utcnow
from core.kernel import kontora
from plugins.offers import services
from plugins.offers.models import Offer, OfferEvent
from tests.plugins.offers.conftest import (
    as_staff,
    make_client,
    make_product,
    make_user,
    seed_series,
)

LINK = re.compile(r"http://kontora\.test(/l/[A-Za-z0-9_.\-]+)")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
DECIDE = re.compile(r'<form method="post" action="http://kontora\.test([^"]+)"[^>]*'
                    r'data-decision-form')


def prepare(app: Any, unit, language: str = "en") -> dict[str, int]:
    def make():
        seed_series()
        ann = make_user("ann", email="ann@firma.test", language=language)
        client = make_client("Carpați Construct SRL", ann, email="office@carpati.test")
        cement, book = make_product("CEM", "32.50"), make_product("BOOK", "10.005", vat="9")
        offer = services.create_offer(as_staff(ann), {
            "title": "Materials for Brașov", "currency": "RON", "party_id": client.id,
            "language": language, "terms": "Payment within 15 days.",
            "lines": [{"product_id": cement.id, "quantity": "3"},
                      {"product_id": book.id, "quantity": "1"}]})
        return {"ann": ann.id, "offer": offer.id, "client": client.id}
    return unit(make)


def send(app: Any, unit, ids: dict[str, int], **data: Any) -> None:
    def go():
        from core.identity.models import User

        services.send_offer(as_staff(session().get(User, ids["ann"])), ids["offer"], data)
    unit(go)


def pdf_text(message) -> str:
    part = next(p for p in message.iter_attachments()
                if p.get_content_type() == "application/pdf")
    reader = pypdf.PdfReader(io.BytesIO(part.get_content()))
    return "\n".join(page.extract_text() for page in reader.pages)


def open_link(client, message) -> tuple[str, Any]:
    path = LINK.search(message.get_body(("plain",)).get_content()).group(1)
    return path, client.get(path)


def test_send_mail_pdf_link_accept(mail_app, smtp_inbox, unit):
    k = kontora(mail_app)
    ids = prepare(mail_app, unit)
    heard = []

    def on_accept(sender, **kw):
        # after commit, a unit of its own that only reads: on SQLite it need not wait for
        # the write lock that the other receivers' writes hold
        with k.db.unit(read_only=True):
            heard.append((sender, kw, session().get(Offer, sender).status))
    k.events.connect("offers.offer-accepted", on_accept)

    send(mail_app, unit, ids, message="As discussed on the phone.")
    year = utcnow().year
    offer = unit(lambda: session().get(Offer, ids["offer"]))
    assert offer.number == f"OF-{year}-00001" and offer.status == "sent"

    (mail,) = smtp_inbox.messages
    assert mail["To"] == "office@carpati.test"
    assert f"OF-{year}-00001" in mail["Subject"]
    text = mail.get_body(("plain",)).get_content()
    assert "As discussed on the phone." in text and "Carpați Construct SRL" in text
    pdf = pdf_text(mail)
    for expected in ("Materials for Brașov", f"OF-{year}-00001", "Product CEM",
                     "Product BOOK", "97.50", "10.01", "107.51", "18.53", "0.90", "19.43",
                     "126.94", "Payment within 15 days."):
        assert expected in pdf, expected
    from core.documents import stored_pdf

    stored = unit(lambda: stored_pdf("offers.offer", ids["offer"]))
    part = next(mail.iter_attachments())
    assert part.get_content() == stored.content          # the mailed PDF is the frozen one

    browser = mail_app.test_client()
    path, page = open_link(browser, mail)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "data-public-offer" in html and "srcdoc=" in html and "Product CEM" in html
    offer = unit(lambda: session().get(Offer, ids["offer"]))
    assert offer.status == "viewed" and offer.view_count == 1 and offer.first_viewed_at
    assert browser.get(path + "?format=pdf").data == stored.content

    action = DECIDE.search(html).group(1)
    token = CSRF.search(html).group(1)
    assert browser.post(action, data={"decision": "accept", "comment": "Go"}).status_code == 400
    answer = browser.post(action, data={"csrf_token": token, "decision": "accept",
                                        "comment": "Deliver on Monday, please."})
    assert answer.status_code == 200 and 'data-decided="accepted"' in answer.get_data(True)

    offer = unit(lambda: session().get(Offer, ids["offer"]))
    assert offer.status == "accepted" and offer.decision_comment == "Deliver on Monday, please."
    ((sender, kw, status_then),) = heard
    assert sender == ids["offer"] and status_then == "accepted"
    assert kw["offer_id"] == ids["offer"] and kw["party_id"] == ids["client"]
    assert kw["lead_id"] is None and kw["comment"] == "Deliver on Monday, please."
    assert kw["principal_id"] is None
    assert kw["accepted_at"].tzinfo is not None

    from core.web.models import Notification

    notes = unit(lambda: [n.message for n in session().scalars(
        select(Notification).where(Notification.user_id == ids["ann"]))])
    assert notes == [f"The client accepted offer OF-{year}-00001."]
    owner_mail = smtp_inbox.messages[-1]
    assert owner_mail["To"] == "ann@firma.test" and "Accepted" in owner_mail["Subject"]
    assert "Deliver on Monday, please." in owner_mail.get_body(("plain",)).get_content()
    events = unit(lambda: [e.event for e in session().scalars(
        select(OfferEvent).where(OfferEvent.offer_id == ids["offer"]).order_by(OfferEvent.id))])
    assert events == ["sent", "viewed", "accepted"]

    again = browser.post(action, data={"csrf_token": token, "decision": "decline"})
    assert again.status_code == 410 and 'data-link-error="link_used"' in again.get_data(True)
    page = browser.get(path).get_data(as_text=True)   # the view link still shows the offer
    assert 'data-decided="accepted"' in page and "data-decision-form" not in page


def test_decline_with_a_comment_in_romanian(mail_app, smtp_inbox, unit):
    ids = prepare(mail_app, unit, language="ro")
    send(mail_app, unit, ids)
    (mail,) = smtp_inbox.messages
    assert mail["Subject"].startswith("Oferta OF-")
    assert "Către" in pdf_text(mail)
    browser = mail_app.test_client()
    _path, page = open_link(browser, mail)
    html = page.get_data(as_text=True)
    browser.post(DECIDE.search(html).group(1), data={
        "csrf_token": CSRF.search(html).group(1), "decision": "decline",
        "comment": "Prețul este prea mare."})
    offer = unit(lambda: session().get(Offer, ids["offer"]))
    assert offer.status == "declined" and offer.decision_comment == "Prețul este prea mare."
    owner_mail = smtp_inbox.messages[-1]
    assert owner_mail["Subject"].startswith("Refuzată")


def test_tampered_expired_and_bad_decisions(mail_app, smtp_inbox, unit):
    from core.links.models import ClientLink

    ids = prepare(mail_app, unit)
    send(mail_app, unit, ids)
    browser = mail_app.test_client()
    path, page = open_link(browser, smtp_inbox.messages[0])
    html = page.get_data(as_text=True)
    action, token = DECIDE.search(html).group(1), CSRF.search(html).group(1)

    tampered = browser.get(path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB"))
    assert tampered.status_code == 404 and "link_invalid" in tampered.get_data(True)
    bad = browser.post(action, data={"csrf_token": token, "decision": "maybe"})
    assert bad.status_code == 422
    unit(lambda: session().execute(update(ClientLink).values(
        expires_at=utcnow() - timedelta(minutes=1))))
    expired = browser.get(path)
    assert expired.status_code == 410 and "link_expired" in expired.get_data(True)
    late = browser.post(action, data={"csrf_token": token, "decision": "accept"})
    assert late.status_code == 410
    assert unit(lambda: session().get(Offer, ids["offer"]).status) == "viewed"


def test_new_revision_on_edit_and_the_link_shows_the_latest(mail_app, smtp_inbox, unit):
    ids = prepare(mail_app, unit)
    send(mail_app, unit, ids)
    first_mail = smtp_inbox.messages[0]

    def edit():
        from core.identity.models import User

        ann = as_staff(session().get(User, ids["ann"]))
        return services.update_offer(ann, ids["offer"], {"title": "Materials, revised"}).id
    rev2 = unit(edit)
    assert rev2 != ids["offer"]
    def both():
        old, new = session().get(Offer, ids["offer"]), session().get(Offer, rev2)
        return old, new, [ln.net for ln in new.lines]
    old, new, nets = unit(both)
    assert old.superseded and old.status == "sent" and old.title == "Materials for Brașov"
    assert new.revision == 2 and new.status == "draft" and new.number == old.number
    assert nets == [D("97.50"), D("10.01")]

    browser = mail_app.test_client()
    path, page = open_link(browser, first_mail)
    html = page.get_data(as_text=True)
    assert "data-waiting" in html and "data-decision-form" not in html

    send(mail_app, unit, {**ids, "offer": rev2})
    second = smtp_inbox.messages[-1]
    assert "rev. 2" in second["Subject"]
    assert "Materials, revised" in pdf_text(second)
    html = browser.get(path).get_data(as_text=True)     # the first e-mail's link
    assert f'data-public-offer="{rev2}"' in html and "data-decision-form" in html
    # the first revision keeps its frozen PDF, and stays read-only
    from core.documents import stored_pdf
    from core.errors import Conflict

    def frozen():
        return stored_pdf("offers.offer", ids["offer"]), stored_pdf("offers.offer", rev2)
    pdf1, pdf2 = unit(frozen)
    assert pdf1.sha256 != pdf2.sha256
    assert pdf1.content == next(first_mail.iter_attachments()).get_content()
    def edit_old():
        from core.identity.models import User

        services.update_offer(as_staff(session().get(User, ids["ann"])), ids["offer"],
                              {"title": "x"})
    with pytest.raises(Conflict):
        unit(edit_old)


def test_sending_needs_lines_an_address_and_a_draft(app, unit):
    from core.errors import Conflict, ValidationError

    def go():
        seed_series()
        ann = as_staff(make_user("ann"))
        client = make_client("No Mail SRL")
        offer = services.create_offer(ann, {"title": "Empty", "currency": "RON",
                                            "party_id": client.id})
        with pytest.raises(ValidationError) as exc:
            services.send_offer(ann, offer.id)
        assert set(exc.value.fields) == {"to", "lines"}
        services.cancel_offer(ann, offer.id)
        with pytest.raises(Conflict):
            services.send_offer(ann, offer.id, {"to": "x@example.ro"})
    unit(go)


def test_expiry_job_marks_offers_past_validity(mail_app, smtp_inbox, unit):
    from datetime import date

    ids = prepare(mail_app, unit)
    send(mail_app, unit, ids)
    unit(lambda: session().execute(update(Offer).where(Offer.id == ids["offer"]).values(
        valid_until=date.today() - timedelta(days=1))))
    from core.jobs import enqueue

    unit(lambda: enqueue("offers.expire"))
    assert unit(lambda: session().get(Offer, ids["offer"]).status) == "expired"


def test_answers_are_rate_limited(mail_app, smtp_inbox, unit):
    ids = prepare(mail_app, unit)
    send(mail_app, unit, ids)
    browser = mail_app.test_client()
    _path, page = open_link(browser, smtp_inbox.messages[0])
    html = page.get_data(as_text=True)
    action, token = DECIDE.search(html).group(1), CSRF.search(html).group(1)
    statuses = [browser.post(action, data={"csrf_token": token, "decision": "maybe"})
                .status_code for _ in range(11)]
    assert statuses == [422] * 10 + [429]
    assert unit(lambda: session().get(Offer, ids["offer"]).status) == "viewed"
