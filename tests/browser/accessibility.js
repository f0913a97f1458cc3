// Loaded after axe.min.js into every document a browser test opens (tests/browser/accessibility.py).

// A page is judged at rest: not while an htmx request is in flight or a CSS transition runs
// (a button fading between its colours has, for a frame, neither colour's contrast).
function __kontoraBusy() {
  if (document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")) return true;
  return document.getAnimations().some(a => a instanceof CSSTransition && a.playState === "running");
}

async function __kontoraSettle() {
  for (let waited = 0; waited < 3000 && __kontoraBusy(); waited += 50) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

window.__kontoraAxeCheck = async function () {
  // Only HTML pages served by the app: not the browser's own PDF viewer.
  if (!window.axe || window.__kontoraAxeRunning || document.contentType !== "text/html" ||
      !location.protocol.startsWith("http") ||
      document.querySelector('embed[type="application/pdf"]')) return null;
  window.__kontoraAxeRunning = true;
  try {
    let result;
    for (let attempt = 0; attempt < 3; attempt++) {
      await __kontoraSettle();
      result = await axe.run(document, {
        resultTypes: ["violations"],
        rules: {"target-size": {enabled: true}},
      });
      if (!__kontoraBusy()) break;  // the page moved under axe: judge it again once settled
    }
    return result.violations
      .filter(v => window.__kontoraAxeImpacts.includes(v.impact))
      .map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " +
                                        (n.failureSummary || "").split("\n").slice(1, 2).join("")),
      }));
  } finally {
    window.__kontoraAxeRunning = false;
  }
};

// The top document is checked once loaded (axe looks into frames itself), and reported under
// the address it was loaded at, even when a boosted link has since pushed another one.
if (window === window.top) {
  window.addEventListener("load", () => setTimeout(async () => {
    const where = location.pathname + location.search;
    try {
      const found = await window.__kontoraAxeCheck();
      if (found !== null) window.__kontoraAxeReport(where, found);
    } finally {
      window.__kontoraAxeChecked = true;  // what checked() in accessibility.py waits for
    }
  }, 50));
}
