// Kanban board: drag a card onto a column to move the lead there. The drop only fills in
// the card's own stage form and submits it through htmx, so dragging, the keyboard and
// plain form posts all go through the same request. No build step.
(function () {
  "use strict";
  var dragged = null;

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".lead-card[draggable=true]");
    if (!card) { return; }
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.leadId);
    card.classList.add("is-dragging");
  });

  document.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("is-dragging"); }
    dragged = null;
    document.querySelectorAll(".lead-column.is-over").forEach(function (c) {
      c.classList.remove("is-over");
    });
  });

  document.addEventListener("dragover", function (event) {
    var column = event.target.closest && event.target.closest(".lead-column");
    if (!column || !dragged) { return; }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    column.classList.add("is-over");
  });

  document.addEventListener("dragleave", function (event) {
    var column = event.target.closest && event.target.closest(".lead-column");
    if (column && !column.contains(event.relatedTarget)) { column.classList.remove("is-over"); }
  });

  document.addEventListener("drop", function (event) {
    var column = event.target.closest && event.target.closest(".lead-column");
    if (!column || !dragged) { return; }
    event.preventDefault();
    var form = dragged.querySelector(".lead-move-form");
    var select = form && form.querySelector("select[name=stage_id]");
    if (!select || select.value === column.dataset.stageId) { return; }
    select.value = column.dataset.stageId;
    if (column.classList.contains("is-lost")) {
      var reason = form.querySelector("select[name=lost_reason_id]");
      if (reason && !reason.value) {  // a lost deal needs its reason: ask on the card
        form.closest("details").open = true;
        reason.focus();
        return;
      }
    }
    htmx.trigger(form, "submit");
  });

  // A refused move (422, 409) answers with the board showing why; show it.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if ((status === 422 || status === 409) && event.detail.target.id === "lead-board") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
