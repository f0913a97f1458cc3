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

  // Record pickers (macros/pickers.html): a combobox that searches GET /pick/<kind> as the
  // user types and keeps the chosen id in a hidden input. Arrow keys move through the
  // options, Enter picks, Escape closes; "New" opens the kind's create form, which comes
  // back to this form (its values kept) with the new record picked.
  function pickerParts(box) {
    return {
      box: box,
      hidden: box.querySelector("input[type=hidden]"),
      input: box.querySelector("[role=combobox]"),
      list: box.querySelector("[role=listbox]"),
      status: box.querySelector("[data-picker-status]")
    };
  }
  function pickerClose(p) {
    p.list.hidden = true;
    p.list.innerHTML = "";
    p.input.setAttribute("aria-expanded", "false");
    p.input.removeAttribute("aria-activedescendant");
  }
  function pickerFilters(p) {
    var params = new URLSearchParams();
    var from = p.box.dataset.filterFrom ? JSON.parse(p.box.dataset.filterFrom) : {};
    var scope = p.box.closest("form") || document;
    Object.keys(from).forEach(function (filter) {
      var source = scope.querySelector("[name='" + from[filter] + "']");
      if (source && source.value) params.set(filter, source.value);
    });
    return params;
  }
  function pickerChoose(p, item) {
    var changed = p.hidden.value !== item.dataset.id;
    p.hidden.value = item.dataset.id;
    p.input.value = item.dataset.label;
    pickerClose(p);
    if (changed) p.hidden.dispatchEvent(new Event("change", {bubbles: true}));
  }
  function pickerActivate(p, index) {
    var items = p.list.querySelectorAll("[role=option]");
    if (!items.length) return;
    index = (index + items.length) % items.length;
    items.forEach(function (item, i) {
      item.classList.toggle("active", i === index);
      item.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    p.input.setAttribute("aria-activedescendant", items[index].id);
    items[index].scrollIntoView({block: "nearest"});
  }
  function pickerShow(p, results) {
    p.list.innerHTML = "";
    results.forEach(function (result, i) {
      var item = document.createElement("li");
      item.className = "list-group-item list-group-item-action";
      item.id = p.list.id + "-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.id = result.id;
      item.dataset.label = result.label;
      item.textContent = result.label;
      if (result.detail) {
        var detail = document.createElement("div");
        detail.className = "small text-body-secondary";
        detail.textContent = result.detail;
        item.appendChild(detail);
      }
      p.list.appendChild(item);
    });
    if (!results.length) {
      var none = document.createElement("li");
      none.className = "list-group-item text-body-secondary";
      none.textContent = p.box.dataset.noneText || "—";
      p.list.appendChild(none);
    }
    p.list.hidden = false;
    p.input.setAttribute("aria-expanded", "true");
    p.status.textContent = (p.box.dataset.countText || "{n}").replace("{n}", results.length);
  }
  var pickerTimer = null;
  function pickerSearch(p) {
    var url = p.box.dataset.searchUrl;
    if (p.input.readOnly) return;
    if (p.box.dataset.kindFrom) {
      var scope = p.box.closest("form") || document;
      var kind = scope.querySelector("[name='" + p.box.dataset.kindFrom + "']");
      if (!kind || !kind.value) return;
      url = url.replace("__kind__", encodeURIComponent(kind.value));
    }
    var params = pickerFilters(p);
    params.set("q", p.input.value.trim());
    fetch(url + "?" + params.toString(), {
      headers: {"Accept": "application/json"}, credentials: "same-origin"
    }).then(function (answer) {
      return answer.ok ? answer.json() : {results: []};
    }).then(function (body) {
      if (document.activeElement === p.input) pickerShow(p, body.results || []);
    });
  }
  document.addEventListener("input", function (event) {
    var box = event.target.closest && event.target.closest("[data-picker]");
    if (!box || event.target.getAttribute("role") !== "combobox") return;
    var p = pickerParts(box);
    if (p.hidden.value) {
      p.hidden.value = "";
      p.hidden.dispatchEvent(new Event("change", {bubbles: true}));
    }
    clearTimeout(pickerTimer);
    pickerTimer = setTimeout(function () { pickerSearch(p); }, 200);
  });
  document.addEventListener("focusin", function (event) {
    var box = event.target.closest && event.target.closest("[data-picker]");
    if (box && event.target.getAttribute("role") === "combobox" && !box.querySelector("input[type=hidden]").value) {
      pickerSearch(pickerParts(box));
    }
  });
  document.addEventListener("keydown", function (event) {
    var box = event.target.closest && event.target.closest("[data-picker]");
    if (!box || event.target.getAttribute("role") !== "combobox") return;
    var p = pickerParts(box);
    var items = Array.prototype.slice.call(p.list.querySelectorAll("[role=option]"));
    var current = items.findIndex(function (item) { return item.classList.contains("active"); });
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (p.list.hidden) { pickerSearch(p); return; }
      pickerActivate(p, current + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && !p.list.hidden) {
      event.preventDefault();
      if (items.length) pickerChoose(p, items[current < 0 ? 0 : current]);
    } else if (event.key === "Escape" || event.key === "Tab") {
      pickerClose(p);
    }
  });
  document.addEventListener("mousedown", function (event) {
    var item = event.target.closest("[data-picker] [role=option]");
    if (item) {
      event.preventDefault();
      pickerChoose(pickerParts(item.closest("[data-picker]")), item);
    }
  });
  document.addEventListener("focusout", function (event) {
    var box = event.target.closest && event.target.closest("[data-picker]");
    if (box && !box.contains(event.relatedTarget)) pickerClose(pickerParts(box));
  });
  // A picker filtered by another field forgets its choice when that field changes.
  document.addEventListener("change", function (event) {
    var name = event.target.name;
    var form = event.target.form;
    if (!name || !form) return;
    form.querySelectorAll("[data-picker][data-filter-from], [data-picker][data-kind-from]").forEach(function (box) {
      var from = JSON.parse(box.dataset.filterFrom || "{}");
      if (box.dataset.kindFrom === name || Object.keys(from).some(function (k) { return from[k] === name; })) {
        var p = pickerParts(box);
        if (p.hidden === event.target) return;
        p.hidden.value = "";
        p.input.value = "";
      }
    });
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-picker-create]");
    if (!link) return;
    var box = link.closest("[data-picker]");
    var form = box.closest("form");
    var kept = new URLSearchParams();
    if (form) {
      new FormData(form).forEach(function (value, key) {
        if (typeof value === "string" && value && key !== "csrf_token") kept.append(key, value);
      });
    }
    var back = window.location.pathname + (kept.toString() ? "?" + kept.toString() : "");
    var target = new URL(link.href, window.location.href);
    target.searchParams.set("k_return", back);
    target.searchParams.set("k_field", box.querySelector("input[type=hidden]").name);
    event.preventDefault();
    window.location.assign(target.toString());
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
