"""Every staff page of the menu, and a client, a lead, an offer and an order, at a laptop's
and a phone's width: axe-core finds nothing serious (the ``page`` fixture runs it on each),
no page scrolls sideways at 375 px, and no control is smaller than 24 px to tap."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from werkzeug.serving import make_server

from core.identity.users import create_user, staff_principal
from core.kernel import kontora
from plugins.leads.services.board import PAGE as BOARD_PAGE
from tests.browser.accessibility import (
    check_now,
    checked,
    sideways_overflow,
    small_targets,
    watch,
)
from tests.browser.conftest import LiveServer

LOGIN, PASSWORD = "maria", "a long enough password"
PHONE = {"width": 375, "height": 812}
LAPTOP = {"width": 1280, "height": 900}


@pytest.fixture
def full_server(make_app: Callable[..., Any]) -> Iterator[LiveServer]:
    """Every built-in plugin, seeded as ``kontora db upgrade`` seeds it, with one record of
    each main kind."""
    app = make_app()
    app.config["TESTING"] = False
    with app.app_context(), kontora(app).db.unit() as s:
        kontora(app).call_in_order("kontora_after_upgrade", session=s)
        user = create_user(LOGIN, "Maria Popescu", password=PASSWORD, roles=["admin"])
        s.flush()
        _records(staff_principal(user))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join(timeout=10)


def _records(admin: Any) -> None:
    from plugins.leads.services import create_lead
    from plugins.offers.services import create_offer
    from plugins.orders.services import create_order
    from plugins.parties.services import add_contact, create_client

    client = create_client(admin, {"kind": "legal_entity", "name": "Transport Carpați SRL",
                                   "country": "RO", "email": "office@carpati.example.ro"})
    add_contact(admin, client.id, {"contact": {"name": "Ștefan Ionescu",
                                               "job_title": "Director general"}})
    create_lead(admin, {"title": "Rafturi pentru depozitul din Brașov", "client_id": client.id,
                        "budget": "25000", "currency": "RON"})
    for n in range(BOARD_PAGE):  # one page of the board's first column and a "Show more"
        create_lead(admin, {"title": f"Cerere de ofertă {n + 1}", "person_name": "Ion Pop",
                            "budget": str(1000 + n), "currency": "EUR"})
    line = {"description": "Raft metalic 2000 x 1000 x 500 mm", "quantity": "12",
            "unit_price": "850", "vat_rate": "19"}
    create_offer(admin, {"title": "Rafturi depozit", "currency": "RON", "party_id": client.id,
                         "lines": [line]})
    create_order(admin, {"party_id": client.id, "currency": "RON", "lines": [line]})


def _sign_in(page: Any, server: LiveServer) -> None:
    page.goto(server.url("/login"))
    page.fill("input[name=login]", LOGIN)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server.url("/"))


def _pages(page: Any, server: LiveServer) -> list[str]:
    """The menu's pages, then the first record of each main kind, then the next page of a
    board column as it opens without JavaScript."""
    menu = page.eval_on_selector_all(".k-nav-link", "links => links.map(a => a.pathname)")
    records = []
    for listing in ("/clients/", "/leads/", "/offers/", "/orders/"):
        page.goto(server.url(listing))
        first = page.locator("main table tbody a[href], main table tbody tr[data-href]").first
        href = first.get_attribute("href") or first.get_attribute("data-href")
        assert href, f"no record linked from {listing}"
        records.append(href)
    page.goto(server.url("/leads/board"))
    records.append(page.locator(".lead-more a").first.get_attribute("href"))
    return list(dict.fromkeys([*menu, *records]))


def test_every_staff_page_is_accessible_on_a_laptop_and_a_phone(full_server: LiveServer,
                                                                   page: Any) -> None:
    _sign_in(page, full_server)
    paths = _pages(page, full_server)
    assert len(paths) >= 15, paths
    for path in paths:
        page.goto(full_server.url(path))
    _won_and_lost_in_reach(page, full_server)
    page.set_viewport_size(PHONE)
    problems = []
    for path in paths:
        page.goto(full_server.url(path))
        wide = sideways_overflow(page)
        if wide > 0:
            problems.append(f"{path}: {wide} px wider than the phone")
        small = small_targets(page)
        if small:
            problems.append(f"{path}: tap targets under 24 px: {', '.join(small[:8])}")
    assert not problems, "\n".join(problems)


def _won_and_lost_in_reach(page: Any, server: LiveServer) -> None:
    """At 1280 px the board scrolls in its own box, whose scrollbar is on screen, and its
    last columns (Won, Lost) come into view by scrolling it."""
    page.goto(server.url("/leads/board"))
    assert sideways_overflow(page) == 0
    board = page.locator(".lead-board")
    box = board.bounding_box()
    assert box is not None and box["y"] + box["height"] <= LAPTOP["height"]
    board.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    lost = page.locator(".lead-column.is-lost").bounding_box()
    assert lost is not None and lost["x"] + lost["width"] <= LAPTOP["width"]


def test_show_more_on_the_board_with_the_keyboard(full_server: LiveServer, page: Any) -> None:
    """A column's "Show more" is reached and pressed with the keyboard, appends the next
    cards in place and puts the focus on the first of them; the grown board stays within a
    phone's width and passes axe (the fixture checks the last screen)."""
    _sign_in(page, full_server)
    page.goto(full_server.url("/leads/board"))
    stage_id = page.locator(".lead-more").first.get_attribute("data-more")
    column = page.locator(f".lead-column[data-stage-id='{stage_id}']")
    assert column.locator(".lead-card").count() == BOARD_PAGE
    more = column.locator(".lead-more a")
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("n => document.querySelectorAll('.lead-column .lead-card').length > n",
                           arg=BOARD_PAGE)
    assert column.locator(".lead-more").count() == 0  # the last page: no more control
    cards = column.locator(".lead-card")
    assert cards.count() == BOARD_PAGE + 1
    focused = page.evaluate("document.activeElement.closest('.lead-card')?.dataset.leadId")
    assert focused == cards.nth(BOARD_PAGE).get_attribute("data-lead-id")
    page.set_viewport_size(PHONE)
    assert sideways_overflow(page) == 0 and not small_targets(page)


def test_the_page_fixture_reports_what_axe_finds(live_server: LiveServer, browser: Any) -> None:
    """The watch is real: a pale text put on a page is reported with the page's address."""
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    findings = watch(page)
    page.goto(live_server.url("/login"))
    checked(page)  # else check_now may find axe's own run on load under way, and skip
    page.evaluate("""() => { const p = document.createElement('p');
        p.textContent = 'Barely visible'; p.style.color = '#ccc';
        document.querySelector('main, body').append(p); }""")
    check_now(page, findings)
    context.close()
    assert [v["id"] for v in findings.pages["/login"]] == ["color-contrast"]
