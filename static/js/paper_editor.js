// The issue-paper editor: keep what is typed in this browser too (for when the
// session has ended and the server cannot keep it), put it back on request,
// and add recommendation forms without a round trip. The page works without
// this script: the server keeps drafts and "Add a recommendation" submits.
(function () {
  "use strict";

  var paper = document.getElementById("paper");
  if (paper && paper.dataset.saved === "true" && paper.dataset.draftKey) {
    // The server confirmed a save from this person: this browser's copy is done with.
    window.localStorage.removeItem(paper.dataset.draftKey);
  }

  var form = document.getElementById("paper-form");
  if (!form) {
    return;
  }
  var key = form.dataset.draftKey;
  var total = form.querySelector("[name=rec-TOTAL_FORMS]");
  var template = document.getElementById("recommendation-template");
  var list = document.getElementById("recommendation-forms");

  function fields() {
    var result = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "expected_version" && typeof value === "string") {
        result.push([name, value]);
      }
    });
    return result;
  }

  var version = form.querySelector("[name=expected_version]");

  function keepLocally() {
    try {
      // The version typed over goes with the words, so a save after putting
      // them back meets any newer revision as a conflict, never overwrites it.
      var copy = { savedAt: Date.now(), base: version ? version.value : null, fields: fields() };
      window.localStorage.setItem(key, JSON.stringify(copy));
    } catch (error) {
      // Storage full or disabled: the server copy is still kept while signed in.
    }
  }

  function addRecommendation() {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    list.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var added = list.lastElementChild;
    var legend = added.querySelector("legend");
    if (legend) {
      legend.textContent = "Recommendation " + (index + 1);
    }
    return added;
  }

  var addButton = form.querySelector("[data-add-recommendation]");
  if (addButton && template && total) {
    addButton.addEventListener("click", function (event) {
      event.preventDefault();
      var added = addRecommendation();
      var text = added.querySelector("textarea");
      if (text) {
        text.focus();
      }
    });
  }

  // Written at once, not after a pause: a tab closed right after typing keeps
  // every word in this browser (the server copy follows a moment later).
  form.addEventListener("input", keepLocally);
  form.addEventListener("change", keepLocally);
  form.addEventListener("submit", keepLocally);

  // With this script the preview follows the typing: its button is not needed.
  form.querySelectorAll("[data-no-script-only]").forEach(function (button) {
    button.hidden = true;
  });

  // A conflict page holds the merged text, newer than anything kept here.
  if (form.dataset.conflict === "true") {
    keepLocally();
    return;
  }

  // Offer back what this browser kept if the server does not have it.
  var stored = null;
  try {
    stored = JSON.parse(window.localStorage.getItem(key) || "null");
  } catch (error) {
    stored = null;
  }
  var serverKept = parseInt(form.dataset.serverKept || "0", 10) * 1000;
  var banner = document.getElementById("local-draft");
  if (!stored || !banner || stored.savedAt <= serverKept) {
    return;
  }
  if (JSON.stringify(stored.fields) === JSON.stringify(fields())) {
    return;
  }
  var when = new Date(stored.savedAt);
  var options = { hour: "numeric", minute: "2-digit", day: "numeric", month: "short" };
  try {
    options.timeZone = form.dataset.timeZone || undefined;
    banner.querySelector("[data-local-time]").textContent = when.toLocaleString("en-US", options);
  } catch (error) {
    banner.querySelector("[data-local-time]").textContent = when.toLocaleString();
  }
  banner.hidden = false;

  banner.querySelector("[data-local-restore]").addEventListener("click", function () {
    var highest = -1;
    stored.fields.forEach(function (pair) {
      var match = /^rec-(\d+)-/.exec(pair[0]);
      if (match) {
        highest = Math.max(highest, parseInt(match[1], 10));
      }
    });
    while (total && template && parseInt(total.value, 10) <= highest) {
      addRecommendation();
    }
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = false;
    });
    stored.fields.forEach(function (pair) {
      form.querySelectorAll('[name="' + pair[0] + '"]').forEach(function (input) {
        if (input.type === "checkbox" || input.type === "radio") {
          if (input.value === pair[1]) {
            input.checked = true;
          }
        } else {
          input.value = pair[1];
        }
      });
    });
    if (version && stored.base !== null && stored.base !== undefined) {
      version.value = stored.base;
    }
    banner.hidden = true;
    form.dispatchEvent(new Event("change", { bubbles: true }));
    var title = form.querySelector("[name=title]");
    if (title) {
      title.focus();
    }
  });
  banner.querySelector("[data-local-discard]").addEventListener("click", function () {
    window.localStorage.removeItem(key);
    banner.hidden = true;
  });
})();
