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
    // A refused form (422) or a conflict (409) answers with the part to show again and
    // the reasons in it: swap it like a success.
    if (detail.xhr.status === 422 || detail.xhr.status === 409) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
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

  // Rows of a <tbody data-k-sortable="#panel"> are dragged into a new order; the dropped
  // row's data-move-url gets its new 1-based position and the answer replaces #panel.
  // (Up/down buttons next to each row do the same from the keyboard.)
  var dragged = null;
  // Only the grip starts a drag, so text in the row's inputs can still be selected.
  document.addEventListener("mousedown", function (event) {
    var handle = event.target.closest(".k-drag-handle");
    var row = handle && handle.closest("tr[data-move-url]");
    if (row) row.draggable = true;
  });
  document.addEventListener("mouseup", function () {
    document.querySelectorAll("tr[data-move-url][draggable]").forEach(function (row) {
      if (row !== dragged) row.removeAttribute("draggable");
    });
  });
  document.addEventListener("dragstart", function (event) {
    var row = event.target.closest && event.target.closest("[data-k-sortable] > tr[data-move-url]");
    if (!row || event.target.closest("input, textarea, select")) return;
    dragged = row;
    row.classList.add("k-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.dataset.moveUrl);
  });
  document.addEventListener("dragover", function (event) {
    if (!dragged) return;
    var row = event.target.closest("tr[data-move-url]");
    if (!row || row === dragged || row.parentNode !== dragged.parentNode) return;
    event.preventDefault();
    var box = row.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    row.parentNode.insertBefore(dragged, after ? row.nextSibling : row);
  });
  document.addEventListener("drop", function (event) {
    if (dragged) event.preventDefault();
  });
  document.addEventListener("dragend", function () {
    if (!dragged) return;
    var row = dragged;
    dragged = null;
    row.classList.remove("k-dragging");
    row.removeAttribute("draggable");
    var body = row.parentNode;
    var rows = Array.prototype.slice.call(body.querySelectorAll(":scope > tr[data-move-url]"));
    htmx.ajax("POST", row.dataset.moveUrl, {
      source: row, target: body.dataset.kSortable, swap: "outerHTML",
      values: {position: rows.indexOf(row) + 1, csrf_token: document.querySelector("meta[name=csrf-token]").content}
    });
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
