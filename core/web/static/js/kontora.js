// Small behaviours of the staff shell; everything else is htmx attributes in the templates.
(function () {
  "use strict";

  // Table rows with data-href open the record (links and buttons inside keep their own click).
  document.addEventListener("click", function (event) {
    var row = event.target.closest("tr[data-href]");
    if (!row || event.target.closest("a, button, input, label, select")) return;
    window.location.assign(row.dataset.href);
  });

  // A boosted region (hx-boost with hx-select, e.g. the client page's sections) swaps only
  // its own part of the answer. When a link or form inside it leads to another page, that
  // page has no such part: show the whole page instead of an emptied region.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail.boosted || !detail.shouldSwap) return;
    var holder = detail.requestConfig.elt.closest("[hx-select]");
    var selector = detail.selectOverride || (holder && holder.getAttribute("hx-select"));
    if (!selector || selector === "unset" || !document.getElementById("main")) return;
    var answer = new DOMParser().parseFromString(detail.serverResponse, "text/html");
    if (answer.querySelector(selector) || !answer.getElementById("main")) return;
    detail.target = document.getElementById("main");
    detail.selectOverride = "#main";
    detail.swapOverride = "outerHTML show:window:top";
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
})();
