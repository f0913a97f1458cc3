"""The whole application (every built-in plugin) served over HTTP, and an admin signed in.

Fixtures for browser tests that walk the staff pages of real plugins; import them by name.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from werkzeug.serving import make_server

from core.identity.users import create_user
from core.kernel import kontora
from core.permissions import seed_roles
from tests.browser.accessibility import check_now, watch
from tests.browser.conftest import RESULTS, LiveServer

LOGIN, PASSWORD = "elena", "a long enough password"


@contextmanager
def serve_staff(make_app: Callable[..., Any], **settings: str) -> Iterator[LiveServer]:
    """Every built-in plugin (with ``settings``) served in a thread, with the number series
    and an admin user."""
    from core.numbering.series import seed_series

    server = make_server("127.0.0.1", 0, None, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    app = make_app(KONTORA_BASE_URL=base, **settings)
    app.config["TESTING"] = False
    with app.app_context(), kontora(app).db.unit() as s:
        seed_roles(s)
        seed_series(s, kontora(app).collect("kontora_number_series"))
        create_user(LOGIN, "Elena Ionescu", password=PASSWORD, roles=["admin"])
    server.app = app
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, base)
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def staff_server(make_app: Callable[..., Any]) -> Iterator[LiveServer]:
    """Every built-in plugin served in a thread, with the number series and an admin user."""
    with serve_staff(make_app) as server:
        yield server


def run(server: LiveServer, fn: Callable[[], Any]) -> Any:
    """``fn()`` inside the served app's context and one committed unit of work."""
    with server.app.app_context(), kontora(server.app).db.unit():
        return fn()


def sign_in(server: LiveServer, page: Any) -> None:
    page.goto(server.url("/login"))
    page.fill("input[name=login]", LOGIN)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def upgraded() -> None:
    """What ``kontora db upgrade`` seeds (the sales pipeline, its stages and the lost
    reasons among it); call through :func:`run`."""
    from core.db import session

    kontora().call_in_order("kontora_after_upgrade", session=session())


@contextmanager
def someone_else(browser: Any, screenshot: str) -> Iterator[Any]:
    """A page in a browser context of its own (a client or a visitor, not signed in),
    checked by axe-core like the test's own page; its last screen is kept under
    test-results/ as ``<screenshot>.png``."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    other = context.new_page()
    other.set_default_timeout(15_000)
    findings = watch(other)
    try:
        yield other
        if other.url.startswith("http"):
            check_now(other, findings)
    finally:
        RESULTS.mkdir(exist_ok=True)
        other.screenshot(path=str(RESULTS / f"{screenshot}.png"), full_page=True)
        context.close()
    if any(findings.pages.values()):
        pytest.fail(f"axe-core found serious or critical accessibility issues on {screenshot}'s "
                    "pages:\n" + findings.report(), pytrace=False)
