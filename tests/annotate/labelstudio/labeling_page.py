"""What a person does on Label Studio's labeling page, as W3C WebDriver actions: keys, mouse drags
over words of the text, clicks on buttons and options. Used by the annotator's browser test.

Text positions come from the page itself (a DOM Range over the words), so a drag starts and ends
where the words are drawn, and the selection the page makes is the one a person's drag makes.
"""

from __future__ import annotations

import time
from typing import Any

from test_labelstudio_browser import WebDriver

ESCAPE, ENTER = "\ue00c", "\ue007"

# [left, middle y of the first line, right, middle y of the last line] of the nth occurrence of
# a string in the text of the Text tag (its lines are spans, possibly split by region highlights).
_WORDS_RECT = """
const [needle, nth] = arguments;
let seen = 0;
for (const line of document.querySelectorAll('.lsf-richtext__line')) {
  const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
  const nodes = []; let n; while ((n = walker.nextNode())) nodes.push(n);
  const full = nodes.map(x => x.textContent).join('');
  for (let i = full.indexOf(needle); i !== -1; i = full.indexOf(needle, i + 1)) {
    if (seen++ !== nth) continue;
    const at = (off) => {
      for (const x of nodes) { if (off <= x.textContent.length) return [x, off];
                               off -= x.textContent.length; }
    };
    const range = document.createRange();
    range.setStart(...at(i)); range.setEnd(...at(i + needle.length));
    const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
    const a = rects[0], b = rects[rects.length - 1];
    return [a.left, (a.top + a.bottom) / 2, b.right, (b.top + b.bottom) / 2];
  }
}
return null;
"""


class LabelingPage:
    """One task's labeling page in the browser."""

    def __init__(self, web: WebDriver) -> None:
        self.web = web

    def keys(self, *values: str) -> None:
        actions: list[dict[str, Any]] = []
        for v in values:
            actions += [{"type": "keyDown", "value": v}, {"type": "keyUp", "value": v}]
        self.web.cmd(
            "POST", "/actions", {"actions": [{"type": "key", "id": "kb", "actions": actions}]}
        )

    def _mouse(self, *steps: dict[str, Any]) -> None:
        pointer = {"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}}
        self.web.cmd("POST", "/actions", {"actions": [pointer | {"actions": list(steps)}]})

    def _at(self, x: float, y: float, duration: int = 0) -> dict[str, Any]:
        return {"type": "pointerMove", "x": int(x), "y": int(y), "origin": "viewport",
                "duration": duration}  # fmt: skip

    def words(self, needle: str, nth: int = 0) -> list[float]:
        rect = self.web.cmd("POST", "/execute/sync", {"script": _WORDS_RECT, "args": [needle, nth]})
        assert rect, f"{needle!r} is not in the page's text"
        return rect

    def drag_over(self, needle: str, nth: int = 0) -> None:
        """Select `needle` with the mouse: press before its first character, release after
        its last."""
        x1, y1, x2, y2 = self.words(needle, nth)
        self._mouse(self._at(x1 + 1, y1), {"type": "pointerDown", "button": 0},
                    self._at(x2 - 1, y2, 200), {"type": "pointerUp", "button": 0})  # fmt: skip
        self.web.cmd("DELETE", "/actions")

    def click_words(self, needle: str) -> None:
        x1, y1, x2, _ = self.words(needle)
        self._mouse(self._at((x1 + x2) / 2, y1), {"type": "pointerDown", "button": 0},
                    {"type": "pointerUp", "button": 0})  # fmt: skip
        self.web.cmd("DELETE", "/actions")

    def hover(self, x: float, y: float) -> None:
        self._mouse(self._at(x, y))

    def click_element(self, element: dict[str, str]) -> None:
        self.web.cmd("POST", f"/element/{next(iter(element.values()))}/click", {})

    def click_xpath(self, xpath: str) -> None:
        self.click_element(self.web.cmd("POST", "/element", {"using": "xpath", "value": xpath}))

    def regions(self) -> list[str]:
        return self.web.js("return Array.from(document.querySelectorAll('.htx-highlight'))"
                           ".map(e => e.textContent)")  # fmt: skip

    def label(self, hotkey: str, needle: str) -> None:
        """Choose a span label by its hotkey, then drag over the words."""
        before = len(self.regions())
        self.keys(hotkey)
        self.drag_over(needle)
        self.web.wait_for(f"return document.querySelectorAll('.htx-highlight').length > {before}")

    def relate(self, from_words: str, to_words: str) -> None:
        """Select a region, press Create Relation, click the other region."""
        relations = self.relation_count()
        self.keys(ESCAPE)  # nothing selected: the click below selects, never unselects
        self.pause()
        self.click_words(from_words)
        self.web.wait_for(
            "return !!document.querySelector('button[aria-label=\"Create Relation\"]')"
        )
        self.web.click('button[aria-label="Create Relation"]')
        self.click_words(to_words)
        self.web.wait_for(
            f"return document.querySelectorAll('.lsf-relations__item').length > {relations}"
        )

    def relation_count(self) -> int:
        return self.web.js("return document.querySelectorAll('.lsf-relations__item').length")

    def label_relation(self, n: int, label: str) -> None:
        """Show the nth relation's labels (hovering shows its button) and pick `label`."""
        item = f"document.querySelectorAll('.lsf-relations__item')[{n}]"
        x, y = self.web.js(
            f"const r = {item}.getBoundingClientRect(); return [r.left + 40, r.top + 12]"
        )
        self.hover(x, y)
        self.click_element(self.web.wait_for(
            f"return {item}.querySelector('button[aria-label=\"Show Relation Labels\"]')"
        ))  # fmt: skip
        self.click_element(
            self.web.wait_for(f"return {item}.querySelector('[class*=selectTrigger]')")
        )
        option = f"//*[@role='option' or contains(@class,'option')][normalize-space()='{label}']"
        self.click_xpath(option)
        self.keys(ESCAPE)
        self.web.wait_for(f"return {item}.innerText.includes('{label}')")

    def open_tab(self, name: str) -> None:
        self.click_xpath(
            f"//div[contains(@class,'lsf-panel-tabs__tab')][normalize-space()='{name}']"
        )

    def checked(self) -> list[bool]:
        return self.web.js("return Array.from(document.querySelectorAll('input[type=checkbox]'))"
                           ".filter(e => e.offsetParent).map(e => e.checked)")  # fmt: skip

    def pause(self, seconds: float = 0.3) -> None:
        """The page reacts to a key or a click on its next frames."""
        time.sleep(seconds)
