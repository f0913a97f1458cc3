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
