// @mentions in comment boxes: typing "@" and the start of a name lists the country's members
// (from the field's data-mentions URL); arrow keys move, Enter or Tab picks, Escape closes. The list is a
// listbox the field points at with aria-activedescendant; a polite live region says how many people match.
// No inline scripts (strict CSP); the comment panel is loaded and replaced by htmx, so events are delegated.
(function () {
  "use strict";

  var TOKEN = /(^|[^\w@])@([\w.+-]{0,50})$/;
  var state = null; // {field, list, items, active, start}
  var timer = null;
  var counter = 0;

  function live() {
    var region = document.getElementById("mention-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "mention-status";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }

  function close() {
    if (!state) return;
    state.list.remove();
    state.field.removeAttribute("aria-activedescendant");
    state.field.removeAttribute("aria-controls");
    state = null;
  }

  function highlight(index) {
    if (!state || !state.items.length) return;
    state.active = (index + state.items.length) % state.items.length;
    state.items.forEach(function (item, i) {
      var on = i === state.active;
      item.element.classList.toggle("active", on);
      item.element.setAttribute("aria-selected", on ? "true" : "false");
    });
    state.field.setAttribute("aria-activedescendant", state.items[state.active].element.id);
  }

  function pick(index) {
    if (!state) return;
    var item = state.items[index];
    var field = state.field;
    var caret = field.selectionStart;
    var before = field.value.slice(0, state.start) + "@" + item.username + " ";
    field.value = before + field.value.slice(caret);
    field.setSelectionRange(before.length, before.length);
    close();
    field.focus();
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function show(field, start, people) {
    close();
    if (!people.length) {
      live().textContent = "";
      return;
    }
    counter += 1;
    var list = document.createElement("ul");
    list.className = "mention-list list-group shadow-sm";
    list.id = "mention-list-" + counter;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", field.getAttribute("data-mentions-label") || "People to mention");
    var items = people.map(function (person, i) {
      var li = document.createElement("li");
      li.className = "list-group-item list-group-item-action py-1 px-2 small";
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      var name = document.createElement("span");
      name.textContent = person.name;
      var handle = document.createElement("span");
      handle.className = "text-body-secondary ms-1";
      handle.textContent = "@" + person.username;
      li.appendChild(name);
      li.appendChild(handle);
      li.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the field
        pick(i);
      });
      list.appendChild(li);
      return { element: li, username: person.username };
    });
    field.insertAdjacentElement("afterend", list);
    list.style.top = field.offsetTop + field.offsetHeight + "px";
    list.style.left = field.offsetLeft + "px";
    field.setAttribute("aria-controls", list.id);
    state = { field: field, list: list, items: items, active: 0, start: start };
    highlight(0);
    live().textContent = people.length === 1
      ? "1 person matches: " + people[0].name + ". Enter picks."
      : people.length + " people match. Up and down arrows choose, Enter picks.";
  }

  function lookup(field) {
    var caret = field.selectionStart;
    var match = TOKEN.exec(field.value.slice(0, caret));
    if (!match) {
      close();
      return;
    }
    var start = caret - match[2].length - 1;
    var url = field.getAttribute("data-mentions") + "?q=" + encodeURIComponent(match[2]);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { people: [] }; })
      .then(function (data) {
        if (document.activeElement === field) show(field, start, data.people || []);
      })
      .catch(close);
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("[data-mentions]")) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { lookup(field); }, 120);
  });

  document.addEventListener("keydown", function (event) {
    if (!state || event.target !== state.field) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(state.active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(state.active - 1); }
    else if (event.key === "Enter" || event.key === "Tab") { event.preventDefault(); pick(state.active); }
    else if (event.key === "Escape") { event.preventDefault(); close(); }
  });

  document.addEventListener("focusout", function (event) {
    if (state && event.target === state.field) window.setTimeout(close, 150);
  });
  document.addEventListener("htmx:beforeSwap", close);
})();
