// After a form's redirect, the page opens with its confirmation (a role="status"
// message). A live region that is already there when the page loads is not
// read out, and a keyboard user would start again from the top of the page.
// So the focus moves to the message: it is read, and Tab carries on from there.
(function () {
  "use strict";

  var message = document.querySelector(".mhap-messages");
  if (!message) {
    return;
  }
  message.setAttribute("tabindex", "-1");
  // On load, not now: a URL's #fragment (a redirect keeps the one the form
  // page had, say #main-content from the skip link) would take the focus back.
  window.addEventListener("load", function () {
    message.focus();
  });
})();
