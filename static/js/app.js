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
  // A PDF that was being prepared opens by itself when it is ready (the link stays, in case a browser
  // blocks it). Only once per link: the status fragment may settle more than once.
  function openReadyDownload() {
    var link = document.querySelector("a[data-auto-download]:not([data-opened])");
    if (!link) return;
    link.setAttribute("data-opened", "");
    window.location.assign(link.href);
  }
  document.addEventListener("htmx:afterSettle", openReadyDownload);
  document.addEventListener("DOMContentLoaded", openReadyDownload);
  // Keep the CSRF token on every htmx request.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token) event.detail.headers["X-CSRFToken"] = token.getAttribute("content");
  });
})();
