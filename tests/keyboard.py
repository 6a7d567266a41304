"""Keyboard-only browser tests: the person never clicks, fills or focuses
anything; they press Tab, Enter, Space, arrows and type. These helpers say
where the focus is and fail when it is lost or cannot be seen."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return "<body>"; }
  const text = (el.getAttribute("aria-label") || el.innerText || el.value || "").trim();
  return `<${el.tagName.toLowerCase()}${el.id ? " id=" + el.id : ""}> ${text.slice(0, 60)}`;
}"""

# Why the focused element would not show its focus ring, or "" when it does.
# USWDS hides radios and checkboxes off screen and rings their label's ::before.
NOT_VISIBLY_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return "focus is on <body>"; }
  if (!el.matches(":focus-visible")) { return "the focus is not :focus-visible"; }
  const hidden = el.matches(".usa-radio__input, .usa-checkbox__input") && el.labels.length;
  const shown = hidden ? el.labels[0] : el;
  const ring = getComputedStyle(shown, hidden ? "::before" : null);
  if (ring.outlineStyle === "none" || parseFloat(ring.outlineWidth) === 0) {
    return `no focus outline (outline: ${ring.outline})`;
  }
  const box = shown.getBoundingClientRect();
  if (box.width === 0 || box.height === 0 || box.bottom < 0 || box.top > innerHeight ||
      box.right < 0 || box.left > innerWidth) {
    return "the focused element is not on screen";
  }
  return "";
}"""


def assert_visibly_focused(page, what):
    # Polled for a moment: USWDS slides the skip link in with a transition.
    try:
        page.wait_for_function(f"() => !({NOT_VISIBLY_FOCUSED})()", timeout=1_000)
        return
    except PlaywrightTimeoutError:
        pass
    pytest.fail(f"{what}: {page.evaluate(NOT_VISIBLY_FOCUSED)} ({page.evaluate(FOCUSED)})")


def focus_matches(page, selector) -> bool:
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def tab_to(page, selector, what, *, limit=100):
    """Press Tab until `selector` has the focus: it is reachable, and seen to be focused."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focus_matches(page, selector):
            assert_visibly_focused(page, what)
            return
    pytest.fail(f"{what} not reached in {limit} Tabs; the focus is on {page.evaluate(FOCUSED)}")


def skip_to_main(page):
    page.keyboard.press("Tab")
    assert focus_matches(page, "a.usa-skipnav"), page.evaluate(FOCUSED)
    assert_visibly_focused(page, "The skip link")
    page.keyboard.press("Enter")
    assert focus_matches(page, "main#main-content"), page.evaluate(FOCUSED)
