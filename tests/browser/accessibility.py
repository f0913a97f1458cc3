"""axe-core on every page a browser test visits, and the checks for phone widths.

``watch(page)`` injects the vendored axe-core (``vendor/axe-core``, see docs/vendor.md) and
``accessibility.js`` into every document the page loads, and runs axe once the top document
has loaded (axe looks into frames itself). The results come back through an exposed
function, so pages passed through on the way (a redirect after a form, a click to the next
page) are checked as well as the one a test ends on. A finding of ``serious`` or ``critical``
impact fails the test, naming the page, the rule and the elements.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
AXE = HERE / "vendor" / "axe-core" / "axe.min.js"
CHECK = HERE / "accessibility.js"
FAILING = ("serious", "critical")
MIN_TARGET = 24
"""Smallest tap target in CSS pixels (WCAG 2.2, 2.5.8 Target Size, minimum)."""


@dataclass
class Findings:
    """What axe found, by page address, while a test ran."""

    pages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, where: str, violations: list[dict[str, Any]]) -> None:
        self.pages.setdefault(where, [])
        for violation in violations:
            if violation not in self.pages[where]:
                self.pages[where].append(violation)

    def report(self) -> str:
        lines = []
        for where, violations in self.pages.items():
            for v in violations:
                lines.append(f"{where}: [{v['impact']}] {v['id']}: {v['help']}")
                lines.extend(f"    {node}" for node in v["nodes"])
        return "\n".join(lines)


def watch(page: Any) -> Findings:
    """Check every document ``page`` loads from now on; returns where findings gather."""
    findings = Findings()
    page.expose_function("__kontoraAxeReport", findings.add)
    page.context.add_init_script(script="\n".join([
        AXE.read_text(encoding="utf-8"), f"window.__kontoraAxeImpacts = {json.dumps(FAILING)};",
        CHECK.read_text(encoding="utf-8")]))
    return findings


def check_now(page: Any, findings: Findings) -> None:
    """Run axe on the page as it is now (after htmx swaps, at the end of a test)."""
    page.wait_for_function("() => !window.__kontoraAxeRunning")
    found = page.evaluate("() => window.__kontoraAxeCheck()")
    if found is not None:
        url = page.url.split("//", 1)[-1]
        findings.add(url[url.find("/"):] if "/" in url else "/", found)


def checked(page: Any) -> None:
    """Wait until axe has judged the page as it loaded. Call it before a step that scrolls
    (a click far down the page): scrolled under the sticky top bar, the breadcrumb and the
    heading's buttons would be judged as covered, a finding of the test's timing."""
    page.wait_for_function("() => window.__kontoraAxeChecked === true")


def sideways_overflow(page: Any) -> int:
    """How many CSS pixels the document is wider than the viewport (0 when it fits)."""
    return int(page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"))


SMALL_TARGETS = """(min) => Array.from(document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]'))
  .filter(el => {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;  // hidden until focused (skip link)
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') return false;
    if (el.closest('p, li, td, dd, .form-text') && el.tagName === 'A' &&
        getComputedStyle(el).display === 'inline') return false;  // links inside a sentence
    return r.width < min || r.height < min;
  })
  .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
       (typeof el.className === 'string' && el.className ?
        '.' + el.className.trim().split(/\\s+/).join('.') : '') +
       ' ' + Math.round(el.getBoundingClientRect().width) + 'x' +
       Math.round(el.getBoundingClientRect().height))"""


def small_targets(page: Any) -> list[str]:
    """Controls smaller than :data:`MIN_TARGET` px either way (inline text links excepted,
    as WCAG 2.5.8 does)."""
    return list(page.evaluate(SMALL_TARGETS, MIN_TARGET))
