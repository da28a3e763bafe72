"""Keyboard and screen-reader users: skip link, a visible focus ring on every control, a reachable rich-text
toolbar, section chips that say which section they open, and formatting text without a mouse."""

import re

import pytest
from playwright.sync_api import expect

from strategies import services
from strategies.models import Risk

pytestmark = pytest.mark.usefixtures("reference_data")

# Enough Tab presses to walk every control of the pages below once (they have 30-70).
MAX_TAB_STOPS = 150

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  window.tabSeen = window.tabSeen || new WeakSet();
  const seen = window.tabSeen.has(el);
  window.tabSeen.add(el);
  return {
    seen: seen,
    tag: el.tagName.toLowerCase(),
    id: el.id,
    label: (el.getAttribute("aria-label") || el.getAttribute("title") || el.textContent || el.value || "")
      .trim().replace(/\\s+/g, " ").slice(0, 40),
    toolbar: el.closest("trix-toolbar") ? el.closest("trix-toolbar").id : "",
    attribute: el.getAttribute("data-trix-attribute") || "",
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor,
  };
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab_until(page, predicate, limit: int = MAX_TAB_STOPS) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if element and predicate(element):
            return element
    raise AssertionError("not reached by Tab")


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+(?:\.\d+)?", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(rgb: str) -> float:
    return 1.05 / (luminance(rgb) + 0.05)


def tab_stops(page) -> list[dict]:
    """Every control in Tab order, from the top of a freshly loaded page to the last one."""
    page.evaluate("document.activeElement && document.activeElement.blur(); window.tabSeen = new WeakSet()")
    stops = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None or element["seen"]:
            break
        stops.append(element)
    return stops


def test_skip_link_moves_focus_to_the_main_content(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/sections/conclusion/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the skip link is on screen when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next control is the first one of the content, past the navigation
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Home"  # the breadcrumb


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/strategies/{pk}/",
        "/strategies/{pk}/sections/introduction/",
        "/strategies/{pk}/parts/risks/",
        "/strategies/{pk}/action-plan/",
        "/reviews/notifications/",
    ],
)
def test_every_control_shows_a_visible_focus_ring(sign_in, live_server, lead, strategy, path):
    services.part_create(model=Risk, strategy=strategy, description="Low turnout", likelihood=3, impact=4)
    page = sign_in("lead")
    page.goto(live_server.url + path.format(pk=strategy.pk))
    page.wait_for_load_state("networkidle")
    stops = tab_stops(page)
    assert len(stops) > 10, stops
    faint = [
        f"{s['tag']}#{s['id']} '{s['label']}': outline {s['outlineStyle']} {s['outlineWidth']}px {s['outlineColor']}"
        for s in stops
        if s["outlineStyle"] in ("none", "hidden") or s["outlineWidth"] < 2 or contrast_on_white(s["outlineColor"]) < 3
    ]
    assert not faint, "controls without a clear focus ring:\n" + "\n".join(faint)


def test_rich_text_toolbar_is_one_tab_stop_walked_with_arrow_keys(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/sections/introduction/")
    page.wait_for_selector("trix-toolbar")
    toolbar = page.locator("trix-toolbar").first
    expect(toolbar).to_have_attribute("role", "toolbar")
    expect(toolbar).to_have_accessible_name(re.compile("formatting", re.I))

    first = tab_until(page, lambda e: bool(e["toolbar"]))
    assert first["attribute"] == "bold", first
    page.keyboard.press("ArrowRight")
    assert focused(page)["attribute"] == "italic"
    page.keyboard.press("End")
    last = focused(page)
    assert last["toolbar"] == first["toolbar"] and last["attribute"] != "italic"
    page.keyboard.press("Home")
    assert focused(page)["attribute"] == "bold"
    page.keyboard.press("ArrowLeft")  # wraps around to the last button
    assert focused(page)["attribute"] == last["attribute"] and focused(page)["label"] == last["label"]
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")

    page.keyboard.press("Tab")  # one Tab leaves the toolbar for its text box
    assert focused(page)["tag"] == "trix-editor"
    page.keyboard.press("Shift+Tab")  # and comes back to the button last used
    assert focused(page)["attribute"] == "italic"

    page.reload()
    page.wait_for_selector("trix-toolbar")
    stops = tab_stops(page)
    per_toolbar = {}
    for stop in stops:
        if stop["toolbar"]:
            per_toolbar[stop["toolbar"]] = per_toolbar.get(stop["toolbar"], 0) + 1
    editors = page.locator("trix-editor").count()
    assert len(per_toolbar) == editors > 1 and set(per_toolbar.values()) == {1}, per_toolbar


def test_format_text_with_the_keyboard_only(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/sections/conclusion/")
    page.wait_for_selector("trix-toolbar")
    tab_until(page, lambda e: e["attribute"] == "bold")
    page.keyboard.press("Enter")  # Bold on; Trix hands focus back to the text
    assert focused(page)["tag"] == "trix-editor"
    expect(page.locator("trix-toolbar [data-trix-attribute=bold]").first).to_have_attribute("aria-pressed", "true")
    page.keyboard.type("Every region takes part.")
    # Trix writes what was typed into its hidden input on its own schedule; a person sees the full sentence in
    # the form before moving on to Save, so wait for it there (a loaded machine lost the last character).
    page.wait_for_function(
        "() => { const e = document.activeElement; return e.tagName === 'TRIX-EDITOR'"
        " && document.getElementById(e.getAttribute('input')).value.includes('takes part.'); }"
    )
    tab_until(page, lambda e: e["tag"] == "button" and e["label"] == "Save")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Saved.")
    strategy.conclusion_section.refresh_from_db()
    assert "<strong>Every region takes part.</strong>" in strategy.conclusion_section.summary


def test_toolbar_buttons_work_with_space_too(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/sections/conclusion/")
    page.wait_for_selector("trix-toolbar")
    tab_until(page, lambda e: e["attribute"] == "bold")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")  # Italic
    page.keyboard.type("Slanted")
    # Trix copies its document into the hidden input after it renders: wait for it rather than race it.
    expect(page.locator("#id_summary")).to_have_value(re.compile("<em>Slanted</em>"))


def test_section_chips_and_navigation_name_their_sections(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    chips = page.get_by_role("list", name="Completeness per section").get_by_role("link")
    expect(chips).to_have_count(12)
    expect(chips.first).to_have_accessible_name(re.compile(r"^1\. Executive summary\b.*\d+ % complete$"))
    expect(chips.nth(11)).to_have_accessible_name(re.compile(r"^12\. Conclusion\b"))

    page.goto(f"{live_server.url}/strategies/{strategy.pk}/sections/conclusion/")
    nav = page.get_by_role("navigation", name="Sections")
    expect(nav.get_by_role("link").first).to_have_accessible_name(re.compile(r"^1\. Executive summary$", re.I))
    expect(nav.get_by_role("link", name="12. Conclusion")).to_have_attribute("aria-current", "page")
