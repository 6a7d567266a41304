// Filterable checkbox lists on the advocacy contact form (templates/issues/advocacy/log_checklist.html).
// Without this script the filter box stays hidden and every checkbox is shown.
(function () {
  "use strict";

  function words(text) {
    return text.toLowerCase().trim().split(/\s+/).filter(Boolean);
  }

  function setUp(list) {
    var box = list.querySelector("[data-filter-box]");
    var input = list.querySelector("[data-filter-input]");
    var status = list.querySelector("[data-filter-status]");
    if (!box || !input) {
      return;
    }
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-filter-item]"));
    var groups = Array.prototype.slice.call(list.querySelectorAll("[data-filter-group]"));
    items.forEach(function (item) {
      item.dataset.filterText = item.textContent.toLowerCase().replace(/\s+/g, " ");
    });
    box.hidden = false;

    function apply() {
      var wanted = words(input.value);
      var shown = 0;
      items.forEach(function (item) {
        var ticked = item.querySelector("input").checked;
        var matches = wanted.every(function (word) {
          return item.dataset.filterText.indexOf(word) !== -1;
        });
        item.hidden = !(ticked || matches);
        if (!item.hidden) {
          shown += 1;
        }
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
      });
      status.textContent = wanted.length ? shown + " of " + items.length + " shown" : "";
    }

    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (event) {
      // Enter in the filter box would send the whole form: move to the first match instead.
      if (event.key === "Enter") {
        event.preventDefault();
        var first = items.filter(function (item) {
          return !item.hidden && !item.querySelector("input").checked;
        })[0] || items.filter(function (item) { return !item.hidden; })[0];
        if (first) {
          first.querySelector("input").focus();
        }
      } else if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        apply();
      }
    });
  }

  document.querySelectorAll("[data-filter-list]").forEach(setUp);

  // Each legislator's own response: only the ticked legislators' are shown.
  // Without this script every legislator's is shown, and unticked ones are ignored.
  function showOwnResponses(section) {
    var rows = Array.prototype.slice.call(section.querySelectorAll("[data-own-response]"));
    var none = section.querySelector("[data-own-responses-none]");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var box = document.querySelector(
          'input[name="legislators"][value="' + row.dataset.ownResponse + '"]'
        );
        row.hidden = !(box && box.checked);
        if (!row.hidden) {
          shown += 1;
        }
      });
      none.hidden = shown > 0;
    }
    document.querySelectorAll('input[name="legislators"]').forEach(function (box) {
      box.addEventListener("change", apply);
    });
    apply();
  }

  document.querySelectorAll("[data-own-responses]").forEach(showOwnResponses);

  // The bills offered are those carrying a paper ticked (and any bill ticked);
  // all of them while no paper is ticked. Without this script all are shown.
  function offerBillsOfPapers() {
    var bills = Array.prototype.slice.call(
      document.querySelectorAll('[data-papers] input[name="bills"]')
    );
    var papers = Array.prototype.slice.call(document.querySelectorAll('input[name="papers"]'));
    if (!bills.length || !papers.length) {
      return;
    }
    var list = bills[0].closest("fieldset");
    var status = document.createElement("p");
    status.className = "usa-hint";
    status.setAttribute("aria-live", "polite");
    list.querySelector("legend").after(status);
    var every = document.querySelectorAll('input[name="bills"]').length;

    function apply() {
      var ticked = papers.filter(function (box) { return box.checked; }).map(function (box) {
        return box.value;
      });
      var hidden = 0;
      bills.forEach(function (box) {
        var item = box.closest("[data-papers]");
        var carried = item.dataset.papers.split(" ");
        var offered = !ticked.length || box.checked || carried.some(function (pk) {
          return ticked.indexOf(pk) !== -1;
        });
        item.hidden = !offered;
        hidden += offered ? 0 : 1;
      });
      var shown = every - hidden;
      status.textContent = ticked.length
        ? "The bills that carry the papers ticked: " + shown + " of " + every + "."
        : "";
    }

    papers.forEach(function (box) { box.addEventListener("change", apply); });
    apply();
  }

  offerBillsOfPapers();
})();
