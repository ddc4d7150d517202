/* evident: sorting and filtering for the register, and a Tab stop on a table or chart that scrolls.
   The page works without this script: the table is complete, and the filter form stays hidden.
   No network access, no storage. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var value = cell.getAttribute("data-value");
    return (value !== null ? value : cell.textContent).trim();
  }

  function compare(a, b, type) {
    if (type === "number") {
      var x = parseFloat(a), y = parseFloat(b);
      var xn = isNaN(x), yn = isNaN(y);
      if (xn || yn) { return xn === yn ? 0 : (xn ? 1 : -1); }   // empty values last
      return x - y;
    }
    if (a === "" || b === "") { return a === b ? 0 : (a === "" ? 1 : -1); }
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  // The caption's words for the order (#register-order) and the status line
  // (#register-sort-status) follow the heading that sorted the rows, as its aria-sort does.
  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    var body = table.tBodies[0];
    if (!body) { return; }
    var order = document.getElementById("register-order");
    var status = document.getElementById("register-sort-status");
    var hint = table.caption ? table.caption.querySelector(".sort-hint") : null;
    if (hint) { hint.hidden = false; }
    Array.prototype.forEach.call(body.rows, function (row, i) { row.setAttribute("data-order", String(i)); });
    Array.prototype.forEach.call(headers, function (th, index) {
      var type = th.getAttribute("data-sort");
      if (!type) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      // Named by the heading's words alone: the arrow the stylesheet draws after them is not read.
      button.setAttribute("aria-label", th.textContent.trim());
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(cellKey(r1, index), cellKey(r2, index), type);
          if (c === 0) { c = Number(r1.getAttribute("data-order")) - Number(r2.getAttribute("data-order")); return c; }
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        var words = "by " + button.textContent.trim().toLowerCase() + ", " + (ascending ? "ascending" : "descending");
        if (order) { order.textContent = words; }
        if (status) { status.textContent = "Sorted " + words + "."; }
      });
    });
  }

  function makeFilterable(table, form) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var text = form.querySelector("input[type=search]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-column]"));
    var count = form.querySelector("[aria-live]");
    var total = body.rows.length;
    // Matched as a reader expects whatever keyboard typed it: without case or accents, in either
    // Unicode form (a Mac's names decompose them), `ß` as `ss`, the Turkish `İ` as `i`.
    function fold(s) {
      var n = s.normalize ? s.normalize("NFD") : s;
      return n.toLowerCase().replace(/[\u0300-\u036f]/g, "").replace(/\u00df/g, "ss");
    }
    function apply() {
      var query = text ? fold(text.value.trim()) : "";
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var visible = selects.every(function (select) {
          return select.value === "" || row.getAttribute("data-" + select.getAttribute("data-column")) === select.value;
        });
        if (visible && query !== "") { visible = fold(row.textContent).indexOf(query) !== -1; }
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      if (count) { count.textContent = shown === total ? total + (total === 1 ? " objective" : " objectives") : shown + " of " + total + " objectives shown"; }
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }

  // An element that scrolls sideways in its own box is a Tab stop while it scrolls, so that the
  // keyboard can scroll it (WCAG 2.1.1), and not while it fits (a stop that did nothing), unless
  // it has the focus.
  function tabStopWhileScrolling(elements) {
    function update() {
      Array.prototype.forEach.call(elements, function (element) {
        if (element.scrollWidth > element.clientWidth + 1) { element.setAttribute("tabindex", "0"); }
        else if (element !== document.activeElement) { element.removeAttribute("tabindex"); }
      });
    }
    if (elements.length) { update(); window.addEventListener("resize", update); }
  }

  ready(function () {
    document.documentElement.classList.add("js");
    // A table in a Markdown body scrolls in itself (style.css): its HTML has no box.
    tabStopWhileScrolling(document.querySelectorAll(".prose table"));
    // Sorting and filtering read a table's rows: a theme may write the register otherwise.
    var table = document.getElementById("register");
    if (table && table.tagName === "TABLE" && table.tBodies.length) {
      makeSortable(table);
      var form = document.getElementById("register-filters");
      if (form) { makeFilterable(table, form); }
    }
    // A table's or chart's box is a Tab stop in the page's HTML, for when this script does not
    // run. After the filters show: their form takes room above the register, not beside it.
    tabStopWhileScrolling(document.querySelectorAll(".table-scroll[tabindex], .chart-scroll[tabindex]"));
  });
})();
