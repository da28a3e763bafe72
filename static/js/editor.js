// Section editor: word counts, keeping an unsaved local draft, and stopping Trix from taking files.
// No inline scripts, so it runs under a strict Content-Security-Policy.
(function () {
  "use strict";

  document.addEventListener("trix-file-accept", function (event) {
    event.preventDefault(); // attachments are not part of a strategy's text
  });

  // Keyboard access to Trix's toolbar. Trix renders its buttons with tabindex="-1" and acts on mousedown
  // only, so keyboard users could neither reach nor press them. Each toolbar becomes one Tab stop (the
  // WAI-ARIA toolbar pattern: arrow keys, Home and End move between its buttons, focus returns to the
  // button last used), Enter and Space press the focused button, and aria-pressed says which formats are on.
  var TOOLBAR_BUTTONS = ".trix-button-row button";

  function usableButtons(toolbar) {
    return Array.prototype.filter.call(toolbar.querySelectorAll(TOOLBAR_BUTTONS), function (button) {
      var group = button.closest(".trix-button-group");
      return !button.disabled && !(group && window.getComputedStyle(group).display === "none");
    });
  }

  function setTabStop(toolbar, wanted) {
    var usable = usableButtons(toolbar);
    var stop = usable.indexOf(wanted) === -1 ? usable[0] : wanted;
    Array.prototype.forEach.call(toolbar.querySelectorAll(TOOLBAR_BUTTONS), function (button) {
      button.tabIndex = button === stop ? 0 : -1;
    });
  }

  function refreshToolbar(toolbar) {
    setTabStop(toolbar, toolbar.querySelector(TOOLBAR_BUTTONS + '[tabindex="0"]'));
    Array.prototype.forEach.call(toolbar.querySelectorAll("[data-trix-attribute]"), function (button) {
      button.setAttribute("aria-pressed", button.classList.contains("trix-active") ? "true" : "false");
    });
  }

  function fieldName(editor) {
    var labelledBy = editor.getAttribute("aria-labelledby");
    var label = labelledBy && document.getElementById(labelledBy);
    return ((label && label.textContent) || editor.getAttribute("aria-label") || "").trim();
  }

  function makeToolbarKeyboardFriendly(editor) {
    var toolbar = editor.toolbarElement;
    if (!toolbar || toolbar.getAttribute("role") === "toolbar") return;
    var name = editor.getAttribute("data-toolbar-label") || "Text formatting";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", fieldName(editor) ? name + ": " + fieldName(editor) : name);
    refreshToolbar(toolbar);
    // Trix flips classes and `disabled` as the selection moves (bold on, nothing to undo, ...).
    new MutationObserver(function () { refreshToolbar(toolbar); }).observe(toolbar, {
      subtree: true, attributes: true, attributeFilter: ["class", "disabled"],
    });
    toolbar.addEventListener("focusin", function (event) {
      if (event.target.matches(TOOLBAR_BUTTONS)) setTabStop(toolbar, event.target);
    });
    toolbar.addEventListener("keydown", function (event) {
      if (!event.target.matches(TOOLBAR_BUTTONS)) return;
      var usable = usableButtons(toolbar);
      var index = usable.indexOf(event.target);
      var next = {
        ArrowRight: usable[(index + 1) % usable.length],
        ArrowLeft: usable[(index - 1 + usable.length) % usable.length],
        Home: usable[0],
        End: usable[usable.length - 1],
      }[event.key];
      if (next) {
        event.preventDefault();
        next.focus();
      }
    });
    // A click from the keyboard (Enter, Space) has detail 0; a mouse click already sent Trix its mousedown.
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest(TOOLBAR_BUTTONS);
      if (button && event.detail === 0) {
        button.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true }));
      }
    });
  }

  document.addEventListener("trix-initialize", function (event) {
    makeToolbarKeyboardFriendly(event.target);
  });
  // Editors that Trix initialized before this script ran sent their event to nobody.
  Array.prototype.forEach.call(document.querySelectorAll("trix-editor"), function (editor) {
    if (editor.editor) makeToolbarKeyboardFriendly(editor);
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
