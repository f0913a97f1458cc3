"""Staff pages: list with filters and record rules, forms, the htmx lines editor, sending,
editing a sent offer into a revision, preview and PDF download."""

from __future__ import annotations

import re

from core.db import session
from core.kernel import kontora
from plugins.offers.models import Offer
from tests.core.web.conftest import sign_in  # noqa: F401  (a fixture)
from tests.plugins.offers.conftest import EVERYTHING, make_client, make_product, seed_series


def setup(app):
    with app.app_context(), kontora(app).db.unit():
        seed_series()
        client = make_client("Carpați Construct SRL", email="office@carpati.test")
        product = make_product("CEM", "32.50")
        return client.id, product.id


def create(browser, client_id, **extra):
    data = {"title": "Materials", "format": "table", "language": "en", "currency": "RON",
            "party_id": str(client_id), **extra}
    answer = browser.post("/offers/compose", data=data)
    assert answer.status_code == 302, answer.get_data(True)
    return int(answer.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def test_form_lines_editor_send_and_revision(app, sign_in):  # noqa: F811
    client_id, product_id = setup(app)
    ann = sign_in("ann", EVERYTHING)
    generic_new = ann.get("/offers/new?party_id=5")     # the generic form leads to ours
    assert generic_new.headers["Location"] == "/offers/compose?party_id=5"
    assert "Title" in ann.get("/offers/compose").get_data(True)
    bad = ann.post("/offers/compose", data={"title": "", "currency": "R"})
    assert bad.status_code == 422 and "is-invalid" in bad.get_data(True)
    offer_id = create(ann, client_id)

    page = ann.get(f"/offers/{offer_id}").get_data(as_text=True)
    assert "data-lines" in page and "given when sent" in page
    added = ann.post(f"/offers/{offer_id}/lines", data={"product_id": str(product_id),
                                                       "quantity": "3"},
                     headers={"HX-Request": "true"})
    html = added.get_data(as_text=True)
    assert added.status_code == 200 and html.lstrip().startswith('<div id="offer-lines-box"')
    assert "Product CEM" in html and "116.03" in html       # 97.50 + 18.53
    wrong = ann.post(f"/offers/{offer_id}/lines", data={"quantity": "x"},
                     headers={"HX-Request": "true"})
    assert wrong.status_code == 422 and "is-invalid" in wrong.get_data(True)
    line_id = int(re.search(r'data-line="(\d+)"', html).group(1))
    removed = ann.post(f"/offers/{offer_id}/lines/{line_id}/remove",
                       headers={"HX-Request": "true"})
    assert "No lines yet." in removed.get_data(as_text=True)
    ann.post(f"/offers/{offer_id}/lines", data={"product_id": str(product_id),
                                               "quantity": "1"})

    dialog = ann.get(f"/offers/{offer_id}/send")
    assert "office@carpati.test" in dialog.get_data(as_text=True)
    sent = ann.post(f"/offers/{offer_id}/send", data={"to": "office@carpati.test"})
    assert sent.status_code == 302
    page = ann.get(f"/offers/{offer_id}").get_data(as_text=True)
    assert 'data-status="sent"' in page and "OF-" in page

    edit = ann.post(f"/offers/{offer_id}/change", data={
        "title": "Materials v2", "format": "table", "language": "en", "currency": "RON",
        "party_id": str(client_id), "recipient_email": "office@carpati.test"})
    new_id = int(edit.headers["Location"].rsplit("/", 1)[1])
    assert new_id != offer_id
    page = ann.get(f"/offers/{new_id}").get_data(as_text=True)
    assert "Revision 2" in page and "Materials v2" in page
    old = ann.get(f"/offers/{offer_id}").get_data(as_text=True)
    assert "data-superseded" in old and f'/offers/{offer_id}/lines"' not in old


def test_list_filters_and_record_rules(app, sign_in):  # noqa: F811
    client_id, _ = setup(app)
    ann = sign_in("ann", EVERYTHING)
    create(ann, client_id, title="Ann's offer")
    bob = sign_in("bob", EVERYTHING, scope="own")
    with app.app_context(), kontora(app).db.unit():
        from core.identity.models import User

        bobs_client = make_client("Bob's client", session().get(User, bob.user_id)).id
    create(bob, bobs_client, title="Bob's offer")
    listing = ann.get("/offers/").get_data(as_text=True)
    assert "Ann&#39;s offer" in listing and "Bob&#39;s offer" in listing
    own = bob.get("/offers/").get_data(as_text=True)
    assert "Bob&#39;s offer" in own and "Ann&#39;s offer" not in own
    drafts = ann.get("/offers/?status=sent").get_data(as_text=True)
    assert "Ann&#39;s offer" not in drafts
    assert ann.get("/offers/?status=nonsense").status_code in (200, 422)
    nobody = sign_in("carl", ["parties.read"])
    assert nobody.get("/offers/").status_code == 403


def test_preview_pdf_and_template_one_note(app, sign_in):  # noqa: F811
    client_id, _product_id = setup(app)
    ann = sign_in("ann", EVERYTHING)
    offer_id = create(ann, client_id, format="text",
                      body="Dear {{ client.name }}, see {{ offer.lines_table }}")
    page = ann.get(f"/offers/{offer_id}").get_data(as_text=True)
    assert "data-no-conversion" in page
    preview = ann.get(f"/offers/{offer_id}/preview")
    assert preview.status_code == 200 and "Dear Carpați Construct SRL" in preview.get_data(True)
    assert "sandbox" in preview.headers["Content-Security-Policy"]
    first = ann.get(f"/offers/{offer_id}/pdf")
    assert first.status_code == 202                       # rendered by the job after commit
    second = ann.get(f"/offers/{offer_id}/pdf")
    assert second.status_code == 200 and second.data.startswith(b"%PDF")
    with app.app_context(), kontora(app).db.unit():
        assert session().get(Offer, offer_id).format == "text"


def _lines(html):
    return re.findall(r'data-line="(\d+)"', html)


def test_lines_edit_in_place_move_duplicate_and_one_current_summary(app, sign_in):  # noqa: F811
    client_id, _product = setup(app)
    ann = sign_in("ann", EVERYTHING)
    offer_id = create(ann, client_id)
    hx = {"HX-Request": "true"}
    for description, price in (("Cement", "10"), ("Sand", "20")):
        html = ann.post(f"/offers/{offer_id}/lines", headers=hx, data={
            "description": description, "quantity": "1", "unit_price": price,
            "vat_rate": "19"}).get_data(as_text=True)
    cement, sand = _lines(html)
    assert 'id="offer-summary" hx-swap-oob="true"' in html and "35.70" in html

    changed = ann.post(f"/offers/{offer_id}/lines/{cement}", headers=hx, data={
        "description": "Cement 42.5", "quantity": "2", "unit": "bag", "unit_price": "10",
        "discount": "0", "vat_rate": "19"}).get_data(as_text=True)
    assert "Cement 42.5" in changed and "47.60" in changed      # (2 * 10 + 20) * 1.19
    summary = re.search(r'<div[^>]*id="offer-summary".*?</dl>', changed, re.S).group(0)
    assert "47.60" in summary
    cement = _lines(changed)[0]
    bad = ann.post(f"/offers/{offer_id}/lines/{cement}", headers=hx,
                   data={"quantity": "lots"})
    assert bad.status_code == 422 and "is-invalid" in bad.get_data(True)

    moved = ann.post(f"/offers/{offer_id}/lines/{sand}/move", headers=hx,
                     data={"position": "1"}).get_data(as_text=True)
    assert moved.index("Sand") < moved.index("Cement 42.5")
    refused = ann.post(f"/offers/{offer_id}/lines/{sand}/move", headers=hx,
                       data={"position": "first"})
    assert refused.status_code == 422 and "position" in refused.get_data(True).lower()

    copied = ann.post(f"/offers/{offer_id}/lines/{sand}/duplicate",
                      headers=hx).get_data(as_text=True)
    assert len(_lines(copied)) == 3 and copied.count('value="Sand"') == 2
    assert "71.40" in copied                                     # 47.60 + 23.80

    page = ann.get(f"/offers/{offer_id}").get_data(as_text=True)
    assert page.count('id="offer-summary"') == 1 and page.count("71.40") >= 2
    assert 'data-field="total_gross"' not in page               # no second summary
    plain = ann.post(f"/offers/{offer_id}/lines/{sand}/duplicate")
    assert plain.status_code == 302                               # works without htmx


def test_revisions_speak_the_user_s_language_and_settled_offers_get_no_badge(
        app, sign_in):  # noqa: F811
    """The revision list names each revision's status in the reader's language, and an
    accepted offer, needing no next step, gets no "No next step" badge on the list."""
    from core.identity.models import User

    client_id, product_id = setup(app)
    ann = sign_in("ann", EVERYTHING)
    create(ann, client_id, title="Still open")
    sent_id = create(ann, client_id, title="Accepted one")
    ann.post(f"/offers/{sent_id}/lines", data={"product_id": str(product_id), "quantity": "1"})
    assert ann.post(f"/offers/{sent_id}/send", data={"to": "office@carpati.test"}).status_code \
        == 302
    with kontora(app).db.unit():
        session().get(Offer, sent_id).status = "accepted"
    listing = ann.get("/offers/").get_data(as_text=True)
    rows = {title: row for row in listing.split("<tr")[1:]
            for title in ("Still open", "Accepted one") if title in row}
    assert 'data-badge="no-next-step"' in rows["Still open"]
    assert 'data-badge="no-next-step"' not in rows["Accepted one"]

    with kontora(app).db.unit():
        session().query(User).filter_by(login="ann").one().language = "ro"
    page = ann.get(f"/offers/{sent_id}").get_data(as_text=True)
    revisions = page.split("data-revisions", 1)[1].split("</ul>", 1)[0]
    assert "Revizia 1" in revisions and "Acceptată" in revisions
    assert "accepted" not in revisions and "Revision" not in revisions
