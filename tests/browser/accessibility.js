// Loaded after axe.min.js into every document a browser test opens (tests/browser/accessibility.py).
window.__kontoraAxeCheck = async function () {
  // Only HTML pages served by the app: not the browser's own PDF viewer.
  if (!window.axe || window.__kontoraAxeRunning || document.contentType !== "text/html" ||
      !location.protocol.startsWith("http") ||
      document.querySelector('embed[type="application/pdf"]')) return null;
  window.__kontoraAxeRunning = true;
  try {
    const result = await axe.run(document, {
      resultTypes: ["violations"],
      rules: {"target-size": {enabled: true}},
    });
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

// The top document is checked once loaded (axe looks into frames itself).
if (window === window.top) {
  window.addEventListener("load", () => setTimeout(async () => {
    const found = await window.__kontoraAxeCheck();
    if (found !== null) window.__kontoraAxeReport(location.pathname + location.search, found);
  }, 50));
}
