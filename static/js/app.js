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
  // An htmx request the server refused (400, 403, 413, 5xx…) swaps nothing, so the form keeps what was
  // typed; its message (the [data-error-message] part of the answer) is shown at the top of the page.
  document.addEventListener("htmx:responseError", function (event) {
    var region = document.getElementById("request-error");
    if (!region) return;
    var xhr = event.detail.xhr;
    var parsed = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    var message = parsed.querySelector("[data-error-message]");
    if (!message) {
      var generic = document.getElementById("request-error-generic");
      message = generic ? generic.content.firstElementChild : null;
    }
    if (!message) return;
    region.replaceChildren(document.importNode(message, true));
    region.scrollIntoView({ block: "nearest" });
  });
  // Keep the CSRF token on every htmx request.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token) event.detail.headers["X-CSRFToken"] = token.getAttribute("content");
  });
})();
