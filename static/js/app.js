// Small behaviours shared by every page (no inline scripts: strict CSP).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-remove-closest]");
    if (button) {
      var target = button.closest(button.getAttribute("data-remove-closest"));
      if (target) target.remove();
    }
  });
  // A save that failed on the server answers with a page holding the person's text: show it, do not drop it.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.getResponseHeader("X-Onemg-Failure")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      event.detail.target = document.getElementById("main") || document.body;
      event.detail.swapOverride = "innerHTML";
    }
  });
  // Keep the CSRF token on every htmx request.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token) event.detail.headers["X-CSRFToken"] = token.getAttribute("content");
  });
})();
