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
  // Keep the CSRF token on every htmx request.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token) event.detail.headers["X-CSRFToken"] = token.getAttribute("content");
  });
})();
