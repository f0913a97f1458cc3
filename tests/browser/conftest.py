"""A real browser against a real server: Debian's chromium driven by Playwright, headless.

The browser is the system's ``chromium`` package (``make test`` installs it); Playwright's own
browser downloads are never used. Without chromium the tests are skipped with the reason
printed, except under ``CI=true``, where a missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.browser.accessibility import check_now, watch

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"


def find_chromium() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        reason = ("chromium is not installed (apt-get install chromium, or `make test`); "
                  "the browser tests need Debian's chromium")
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context per test; its last screen is saved under test-results/.

    axe-core checks every page the test loads (``tests/browser/accessibility.py``); a
    serious or critical finding fails the test at its end.
    """
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    findings = watch(page)
    yield page
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{request.node.name}.png"), full_page=True)
    if page.url.startswith("http"):
        check_now(page, findings)
    context.close()
    if findings.pages and any(findings.pages.values()):
        pytest.fail("axe-core found serious or critical accessibility issues:\n"
                    + findings.report(), pytrace=False)


@dataclass
class LiveServer:
    """The application and the address it is served at."""

    app: Flask
    base: str

    def url(self, path: str = "/") -> str:
        return self.base + path


@pytest.fixture
def live_server(make_app: Callable[..., Flask]) -> Iterator[LiveServer]:
    """Serve the sample app over HTTP on a free port in a background thread."""
    app = make_app(plugins="sample")
    app.config["TESTING"] = False  # behave like production: error pages, not tracebacks
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join(timeout=10)
