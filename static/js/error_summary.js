// The error summary of a form sent back (templates/includes/form_errors.html):
// a link to a field moves the focus to it and shows its label, as a link
// alone would only scroll (and USWDS keeps its checkboxes off-screen).
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".mhap-error-summary a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    // The field's whole group (for a list of boxes, the outer one with the
    // error message), so that its label and message are in view.
    var group = field.closest(".usa-form-group") || field.closest("fieldset") || field;
    group.scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });
})();
