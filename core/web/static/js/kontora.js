// Small behaviours of the staff shell; everything else is htmx attributes in the templates.
(function () {
  "use strict";

  // Table rows with data-href open the record (links and buttons inside keep their own click).
  document.addEventListener("click", function (event) {
    var row = event.target.closest("tr[data-href]");
    if (!row || event.target.closest("a, button, input, label, select")) return;
    window.location.assign(row.dataset.href);
  });

  // Close the search dropdown on Escape or a click elsewhere.
  function closeSearch() {
    var box = document.getElementById("k-search-results");
    if (box) box.innerHTML = "";
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeSearch();
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".k-search")) closeSearch();
  });

  // A table wider than a phone scrolls in its own box (kontora.css); one that does gets a
  // tab stop, so the keyboard can scroll it too.
  function focusableScrollers() {
    document.querySelectorAll(".k-main table.table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth && !table.hasAttribute("tabindex")) {
        table.tabIndex = 0;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", focusableScrollers);
  document.addEventListener("htmx:afterSettle", focusableScrollers);
  window.addEventListener("resize", focusableScrollers);
})();
