// Section editor: word counts, keeping an unsaved local draft, and stopping Trix from taking files.
// No inline scripts, so it runs under a strict Content-Security-Policy.
(function () {
  "use strict";

  document.addEventListener("trix-file-accept", function (event) {
    event.preventDefault(); // attachments are not part of a strategy's text
  });

  function words(html) {
    var text = new DOMParser().parseFromString(html || "", "text/html").body.textContent || "";
    var parts = text.trim().split(/\s+/);
    return parts[0] === "" ? 0 : parts.length;
  }

  function updateCount(input) {
    var counter = document.querySelector('[data-word-count="' + input.id + '"]');
    if (counter) counter.textContent = words(input.value);
  }

  // Factsheets: editing a question's text means using the country's own text for it.
  document.addEventListener("trix-change", function (event) {
    var inputId = event.target.getAttribute("input") || "";
    if (inputId.indexOf("text-") === 0) {
      var own = document.getElementById("own-" + inputId.slice(5));
      if (own && !own.checked) own.checked = true;
    }
  });

  document.addEventListener("trix-initialize", function (event) {
    var input = document.getElementById(event.target.getAttribute("input"));
    if (input) updateCount(input);
  });

  var form = document.querySelector("form[data-draft-key]");
  if (!form) {
    document.addEventListener("trix-change", function (event) {
      var input = document.getElementById(event.target.getAttribute("input"));
      if (input) updateCount(input);
    });
    return;
  }

  var key = form.getAttribute("data-draft-key");
  // The page shows text that is not saved (a refused or conflicting save): the browser's copy must stay
  // until a save succeeds, whatever the page holds.
  var unsaved = form.hasAttribute("data-draft-unsaved");
  var maxBytes = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
  var fields = Array.prototype.slice.call(form.querySelectorAll("input[data-rich-text]"));
  var serverValues = {};
  fields.forEach(function (input) { serverValues[input.name] = input.value; });

  function read() {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function differsFromServer(draft) {
    return draft && Object.keys(draft.values || {}).some(function (name) {
      return name in serverValues && draft.values[name] !== serverValues[name];
    });
  }

  function save() {
    var values = {};
    fields.forEach(function (input) { values[input.name] = input.value; });
    try {
      window.localStorage.setItem(key, JSON.stringify({ values: values, savedAt: new Date().toISOString() }));
    } catch (e) { /* storage full or disabled: the server copy is still there */ }
  }

  document.addEventListener("trix-change", function (event) {
    var input = document.getElementById(event.target.getAttribute("input"));
    if (input) updateCount(input);
    save();
  });

  // Before anything leaves the browser: keep the local copy current, and do not send what the server
  // would refuse as too large (the text stays in the editor, with a message saying the limit).
  form.addEventListener("submit", function (event) {
    save();
    if (!maxBytes) return;
    var size = new URLSearchParams(new FormData(form)).toString().length;
    var notice = document.getElementById("too-large");
    if (size > maxBytes) {
      event.preventDefault();
      if (notice) {
        notice.querySelector("[data-size]").textContent = (size / 1000000).toFixed(1);
        notice.hidden = false;
        notice.scrollIntoView({ block: "center" });
      }
    } else if (notice) {
      notice.hidden = true;
    }
  });

  var draft = read();
  if (unsaved) {
    if (!differsFromServer(draft)) save();
  } else if (!differsFromServer(draft)) {
    window.localStorage.removeItem(key);
  }
  if (differsFromServer(draft)) {
    var banner = document.getElementById("local-draft");
    if (banner) {
      banner.hidden = false;
      var when = banner.querySelector("[data-draft-time]");
      if (when) when.textContent = new Date(draft.savedAt).toLocaleString();
      banner.querySelector("[data-draft-restore]").addEventListener("click", function () {
        fields.forEach(function (input) {
          if (input.name in draft.values) {
            var editor = document.querySelector('trix-editor[input="' + input.id + '"]');
            if (editor && editor.editor) {
              editor.editor.loadHTML(draft.values[input.name]);
            } else {
              input.value = draft.values[input.name];
            }
          }
        });
        banner.hidden = true;
      });
      banner.querySelector("[data-draft-discard]").addEventListener("click", function () {
        window.localStorage.removeItem(key);
        banner.hidden = true;
      });
    }
  }
})();
