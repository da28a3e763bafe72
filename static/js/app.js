// Small behaviours shared by every page (no inline scripts: strict CSP).
(function () {
  "use strict";
  // A button with data-confirm asks first (removing a member, deactivating an account).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
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
  // A list that said "Nothing here yet." stops saying so once a row (or the form for one) is in it.
  document.addEventListener("htmx:afterSwap", function () {
    var empty = document.getElementById("part-empty");
    if (empty && empty.parentElement && empty.parentElement.children.length > 1) empty.remove();
  });
  // Keep the CSRF token on every htmx request.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token) event.detail.headers["X-CSRFToken"] = token.getAttribute("content");
  });

  // --- Errors people see: a form that comes back with errors (or a conflict) takes the focus to the first
  // problem, scrolled into view, instead of leaving the person at a Save button far below it. The message
  // itself is a role="alert" region, so screen readers announce it.
  function focusFirstProblem(root) {
    var alert = root.matches && root.matches("[data-form-errors], [data-focus-first]")
      ? root : root.querySelector("[data-form-errors], [data-focus-first]");
    if (!alert) return;
    var container = alert.closest("li, form, main") || document;
    var field = alert.hasAttribute("data-form-errors")
      ? container.querySelector('.is-invalid, [aria-invalid="true"]') : null;
    var target = field || alert;
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    var form = container.matches && container.matches("form") ? container : container.querySelector("form");
    if (form) markDirty(form); // what came back is still not saved
  }
  // A form opened in place (add or edit a row) takes the focus to its first field without a value, so the
  // keyboard is where the person is about to type (a preselected phase and parent are skipped).
  function focusNewForm(root) {
    if (!(root.matches && root.matches("li.part-form")) || root.querySelector("[data-form-errors], [data-focus-first]")) return;
    var fields = Array.prototype.slice.call(root.querySelectorAll(
      'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])'));
    var target = fields.filter(function (field) { return field.type !== "checkbox" && !field.value; })[0] || fields[0];
    if (target) target.focus();
  }
  document.addEventListener("htmx:load", function (event) {
    focusFirstProblem(event.detail.elt);
    focusNewForm(event.detail.elt);
  });
  document.addEventListener("DOMContentLoaded", function () { focusFirstProblem(document.body); });

  // --- "Part of" lists only tasks of the phase the task is in.
  function filterParents(phaseSelect) {
    var form = phaseSelect.form;
    if (!form) return;
    form.querySelectorAll('select[data-filter-by="' + phaseSelect.name + '"]').forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        var phase = option.getAttribute("data-phase");
        if (phase === null) return;
        var other = phase !== phaseSelect.value;
        option.hidden = other;
        option.disabled = other;
        if (other && option.selected) select.value = "";
      });
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select") && event.target.form &&
        event.target.form.querySelector('select[data-filter-by="' + event.target.name + '"]')) {
      filterParents(event.target);
    }
  });

  // --- Warn before leaving a page with unsaved edits (section and factsheet editors, inline forms).
  function markDirty(form) { form.setAttribute("data-dirty", ""); }
  function trackedForm(node) { return node && node.closest ? node.closest("form[data-warn-unsaved]") : null; }
  ["input", "change", "trix-change"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var form = trackedForm(event.target);
      if (form) markDirty(form);
    });
  });
  document.addEventListener("submit", function (event) {
    var form = trackedForm(event.target);
    if (form) form.removeAttribute("data-dirty");
  }, true);
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-warn-unsaved][data-start-dirty]").forEach(markDirty);
  });
  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector("form[data-warn-unsaved][data-dirty]")) {
      event.preventDefault();
      event.returnValue = ""; // older browsers show their own wording; the text is not used any more
    }
  });
})();
