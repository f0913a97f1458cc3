"""The lead pages: generic list and forms, the detail page's panels, the board and moves."""

from __future__ import annotations

from sqlalchemy import select

from core.kernel import kontora
from plugins.leads.models import Lead
from tests.plugins.leads.conftest import SALES, reason, stage


def _lead(app, **data):
    with app.app_context(), kontora(app).db.unit() as s:
        return s.scalar(select(Lead).where(Lead.title == data["title"])).id


def test_create_list_and_detail(app, seeded, sign_in):
    browser = sign_in("ann", SALES)
    created = browser.post("/leads/new", {"title": "Roof for Alfa", "company_name": "Alfa SRL",
                                          "budget": "2500", "currency": "RON",
                                          "source": "phone", "client_kind": "legal_entity"})
    assert created.status_code == 302, created.get_data(as_text=True)
    listing = browser.get("/leads/").get_data(as_text=True)
    assert "Roof for Alfa" in listing and "Alfa SRL" in listing and "New" in listing
    assert 'data-badge="no-next-step"' in listing  # activities' badge, for any kind
    lead_id = _lead(app, title="Roof for Alfa")
    page = browser.get(f"/leads/{lead_id}").get_data(as_text=True)
    for text in ("Contact persons", "Cost calculator", "Timeline", "Convert to client",
                 'aria-current="step"'):
        assert text in page, text
    bad = browser.post("/leads/new", {"title": "", "email": "not-mail", "budget": "x"})
    assert bad.status_code == 422


def test_board_shows_cards_per_stage_and_moves_with_htmx(app, seeded, sign_in):
    browser = sign_in("ann", SALES)
    browser.post("/leads/new", {"title": "Card one", "client_kind": "legal_entity",
                                "source": "manual", "currency": "EUR"})
    lead_id = _lead(app, title="Card one")
    board = browser.get("/leads/board").get_data(as_text=True)
    assert f'data-lead-id="{lead_id}"' in board and "board.js" in board
    with app.app_context(), kontora(app).db.unit():
        proposal, lost, why = stage("Proposal").id, stage("Lost").id, reason().id
    moved = browser.post(f"/leads/{lead_id}/move", {"stage_id": proposal, "from": "board",
                                                    "version": "1"},
                         headers={"HX-Request": "true"})
    assert moved.status_code == 200 and 'id="lead-board"' in moved.get_data(as_text=True)
    refused = browser.post(f"/leads/{lead_id}/move", {"stage_id": lost, "from": "board"},
                           headers={"HX-Request": "true"})
    assert refused.status_code == 422
    assert "Say why the deal was lost." in refused.get_data(as_text=True)
    stale = browser.post(f"/leads/{lead_id}/move", {"stage_id": lost, "from": "board",
                                                    "lost_reason_id": why, "version": "1"},
                         headers={"HX-Request": "true"})
    assert stale.status_code == 409  # someone (here: we) moved the card meanwhile
    plain = browser.post(f"/leads/{lead_id}/move", {"stage_id": lost, "lost_reason_id": why,
                                                    "next": f"/leads/{lead_id}"})
    assert plain.status_code == 302 and plain.headers["Location"].endswith(f"/leads/{lead_id}")
    with app.app_context(), kontora(app).db.unit() as s:
        lead = s.get(Lead, lead_id)
        assert (lead.status, lead.lost_reason.name) == ("lost", "Price too high")


def test_contacts_on_the_lead_page(app, seeded, sign_in):
    browser = sign_in("ann", SALES)
    browser.post("/leads/new", {"title": "People", "client_kind": "legal_entity",
                                "source": "manual", "currency": "EUR"})
    lead_id = _lead(app, title="People")
    added = browser.post(f"/leads/{lead_id}/contacts",
                         {"name": "Maria <b>Ionescu</b>", "email": "maria@alfa.ro"},
                         headers={"HX-Request": "true"})
    assert added.status_code == 200
    assert "Maria &lt;b&gt;Ionescu&lt;/b&gt;" in added.get_data(as_text=True)
    bad = browser.post(f"/leads/{lead_id}/contacts", {"name": "", "email": "x"},
                       headers={"HX-Request": "true"})
    assert bad.status_code == 422


def test_readers_cannot_move_and_own_scope_hides_others(app, seeded, sign_in):
    ann = sign_in("ann", SALES)
    ann.post("/leads/new", {"title": "Hidden", "client_kind": "legal_entity",
                            "source": "manual", "currency": "EUR"})
    lead_id = _lead(app, title="Hidden")
    bob = sign_in("bob", SALES, scope="own")
    assert bob.get(f"/leads/{lead_id}").status_code == 404
    assert "Hidden" not in bob.get("/leads/board").get_data(as_text=True)
    reader = sign_in("cid", ["leads.read"])
    with app.app_context(), kontora(app).db.unit():
        won = stage("Won").id
    assert reader.post(f"/leads/{lead_id}/move", {"stage_id": won}).status_code == 403
    assert sign_in("dan", []).get("/leads/board").status_code == 403


def _field(page: str, name: str) -> str:
    """The markup of one form field (``data-field="<name>"``), up to the next field."""
    return page.split(f'data-field="{name}"', 1)[1].split("data-field=", 1)[0]


def test_the_lead_form_picks_an_existing_client(app, seeded, sign_in):
    """The generic form's record field: a picker over clients that saves the id, shows the
    client's name on edit and refuses a client the user may not see, naming the field."""
    from core.identity.models import User
    from tests.plugins.offers.conftest import make_client

    ann = sign_in("ann", SALES, scope="own")
    with app.app_context(), kontora(app).db.unit() as s:
        mine = make_client("Alfa Construct SRL", owner=s.get(User, ann.user_id)).id
        other = make_client("Beta Logistic SRL").id
    form = ann.get("/leads/new").get_data(as_text=True)
    picker = _field(form, "client_id")
    assert "data-picker" in picker and 'role="combobox"' in picker
    assert "Existing client" in picker and "data-picker-create" in picker

    created = ann.post("/leads/new", {"title": "Alfa's roof", "client_id": str(mine),
                                      "client_kind": "legal_entity", "currency": "EUR"})
    assert created.status_code == 302, created.get_data(as_text=True)
    lead_id = _lead(app, title="Alfa's roof")
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.get(Lead, lead_id).client_id == mine
    edit = ann.get(f"/leads/{lead_id}/edit").get_data(as_text=True)
    assert 'value="Alfa Construct SRL"' in _field(edit, "client_id")
    assert "Alfa Construct SRL" in _field(ann.get(f"/leads/{lead_id}").get_data(as_text=True),
                                          "client_id")

    for bad in (str(other), "999999", "99999999999", "alfa"):
        refused = ann.post("/leads/new", {"title": "Sneaky", "client_id": bad,
                                          "client_kind": "legal_entity", "currency": "EUR"})
        assert refused.status_code == 422, bad
        assert 'id="f-client_id-error"' in _field(refused.get_data(as_text=True), "client_id")
    kept = {"title": "Alfa's roof", "client_kind": "legal_entity", "source": "manual",
            "currency": "EUR", "version": "1"}
    refused = ann.post(f"/leads/{lead_id}/edit", {**kept, "client_id": str(other)})
    assert refused.status_code == 422
    assert 'id="f-client_id-error"' in _field(refused.get_data(as_text=True), "client_id")
    cleared = ann.post(f"/leads/{lead_id}/edit", {**kept, "client_id": ""})
    assert cleared.status_code == 302, cleared.get_data(as_text=True)
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.get(Lead, lead_id).client_id is None
        assert s.scalar(select(Lead).where(Lead.title == "Sneaky")) is None
