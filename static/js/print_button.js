// A Print button for pages made to be printed (the advocacy leave-behind).
// Hidden until this script runs, so a page without JavaScript only shows the
// advice to use the browser's Print command; no inline handler (strict CSP).
(function () {
  "use strict";

  document.querySelectorAll("[data-print-button]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
  document.querySelectorAll("[data-print-fallback]").forEach(function (advice) {
    advice.textContent = "Or use your browser's Print command to save it as a PDF.";
  });
})();
