// Keyboard use of the triage table: j / k (or the arrow keys on a row) move
// between rows, e opens the row's edit controls, Escape cancels an edit.
(function () {
  "use strict";

  function rows() {
    return Array.from(document.querySelectorAll("tr.mhap-triage__row"));
  }

  function typing(target) {
    return target.closest("input, select, textarea, [contenteditable]") !== null;
  }

  function move(step) {
    var all = rows();
    if (!all.length) {
      return;
    }
    var current = document.activeElement.closest("tr.mhap-triage__row");
    var index = current ? all.indexOf(current) + step : 0;
    index = Math.max(0, Math.min(all.length - 1, index));
    all[index].focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (event.key === "Escape") {
      var cancel = document.activeElement.closest("tr") &&
        document.activeElement.closest("tr").querySelector(".mhap-cancel-row");
      if (cancel) {
        event.preventDefault();
        cancel.click();
      }
      return;
    }
    if (typing(event.target)) {
      return;
    }
    var onRow = event.target.closest("tr.mhap-triage__row");
    if (event.key === "j" || (onRow && event.key === "ArrowDown")) {
      event.preventDefault();
      move(1);
    } else if (event.key === "k" || (onRow && event.key === "ArrowUp")) {
      event.preventDefault();
      move(-1);
    } else if (event.key === "e" && onRow) {
      var edit = onRow.querySelector(".mhap-edit-row");
      if (edit) {
        event.preventDefault();
        edit.click();
      }
    }
  });

  // After htmx swaps in a row, put the focus where the person is working.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || !/^issue-\d+$/.test(target.id)) {
      return;
    }
    var swapped = document.getElementById(target.id);
    if (!swapped) {
      return;
    }
    // Only an edit form's first field: a row shown after Save or Cancel takes
    // the focus itself, not its Select checkbox, where j / k / e would be
    // taken for typing and stop working.
    var field = swapped.querySelector("form select, form input:not([type=hidden])");
    (field || swapped).focus();
  });
})();
