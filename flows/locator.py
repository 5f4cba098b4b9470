"""Locators: one element, found by a short ordered list of strategies (stable hook first, texts last).

Every look is one script in the page, whatever the number of strategies and locators: each WebDriver command is
a round trip to the driver, and a page with eight UI languages has many strategies per element.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from flows.confirmed import relies_on_confirmed_hook

TEXT = "{text}"  # where a language's text goes in an XPath template

_AS_CSS = {By.CSS_SELECTOR: "{}", By.ID: '[id="{}"]', By.NAME: '[name="{}"]', By.CLASS_NAME: ".{}",
           By.TAG_NAME: "{}"}  # how Selenium itself turns these into CSS
_FIND_JS = """
const [locators, root, every] = arguments;
const scope = root || document;
const doc = scope.ownerDocument || scope;
const matches = (kind, query) => {
  if (kind === "css") return Array.from(scope.querySelectorAll(query));
  const found = doc.evaluate(query, scope, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
  const elements = [];
  for (let i = 0; i < found.snapshotLength; i++) {
    if (found.snapshotItem(i).nodeType === Node.ELEMENT_NODE) elements.push(found.snapshotItem(i));
  }
  return elements;
};
return locators.map((strategies) => {
  for (let i = 0; i < strategies.length; i++) {
    const elements = matches(...strategies[i]);
    if (elements.length) return [i, every ? elements : elements[0]];
  }
  return null;
});
"""


class Strategy(NamedTuple):
    """One way to find an element; `label` names it in logs, reports and `optout probe` (else how=what).
    `structural`: it finds the element by what the page is (a role, the only switch, a number's shape), not
    by a guessed id, class or wording."""

    how: str
    what: str
    label: str = ""
    structural: bool = False

    def describe(self) -> str:
        return self.label or f"{self.how}={self.what}"

    def query(self) -> tuple[str, str]:
        """("css" or "xpath", the expression) for the finding script."""
        if self.how == By.XPATH:
            return "xpath", self.what
        if self.how not in _AS_CSS:
            raise ValueError(f"locator strategy {self.how!r} is not supported: use an id, name, CSS or XPath")
        return "css", _AS_CSS[self.how].format(self.what)


@dataclass(frozen=True)
class Locator:
    """One element, found by an ordered list of strategies (most stable first); `name` is used in errors.

    Strategies may be given as plain `(By.X, value)` pairs. `unmatched` says what the bot does when no
    strategy matches, for an element that may rightly be absent and has no structure to find it by.
    """

    name: str
    strategies: tuple[Strategy, ...]
    unmatched: str = ""
    queries: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "strategies", tuple(Strategy(*s) for s in self.strategies))
        object.__setattr__(self, "queries", tuple(strategy.query() for strategy in self.strategies))

    def find(self, root: WebDriver | WebElement) -> tuple[WebElement, str] | None:
        """The first element of the first strategy that matches, and that strategy's description."""
        return find_each(root, (self,))[0]

    def find_all(self, root: WebDriver | WebElement) -> list[WebElement]:
        """Every element of the first strategy that matches anything."""
        found = _run(root, (self,), every=True)[0]
        return found[1] if found else []

    def describe(self) -> list[str]:
        return [strategy.describe() for strategy in self.strategies]

    @property
    def grounded(self) -> bool:
        """Found without relying on a guess alone: a confirmed hook, or a structural strategy, or a stated
        answer for when nothing matches (the rule of flows/confirmed.py)."""
        return bool(self.unmatched) or any(
            strategy.structural or relies_on_confirmed_hook(strategy.what) for strategy in self.strategies)


def find_each(root: WebDriver | WebElement, locators: Sequence[Locator]
              ) -> list[tuple[WebElement, str] | None]:
    """For each locator, in one round trip: its first match and the strategy that found it, or None.

    All strategies are asked against the same state of the page, so the report names the most stable strategy
    that works even while the page is still rendering."""
    return [None if found is None else (found[1], locator.strategies[found[0]].describe())
            for locator, found in zip(locators, _run(root, locators, every=False), strict=True)]


def _run(root: WebDriver | WebElement, locators: Sequence[Locator], every: bool) -> list[Any]:
    if isinstance(root, WebElement):
        return root.parent.execute_script(_FIND_JS, [locator.queries for locator in locators], root, every)
    return root.execute_script(_FIND_JS, [locator.queries for locator in locators], None, every)


def literal(text: str) -> str:
    """`text` as an XPath 1.0 string literal (which has no escapes: quotes need concat())."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"


def in_languages(label: str, template: str, texts: Mapping[str, str]) -> tuple[Strategy, ...]:
    """One XPath strategy per distinct text, `{text}` in `template` standing for it: "label (de)", "label (it, pt)"."""
    languages: dict[str, list[str]] = {}
    for language, text in texts.items():
        languages.setdefault(text, []).append(language)
    return tuple(Strategy(By.XPATH, template.replace(TEXT, literal(text)), f"{label} ({', '.join(langs)})")
                 for text, langs in languages.items())


def any_text(texts: Mapping[str, str], expression: str = "normalize-space()") -> str:
    """An XPath predicate true when `expression` equals the text in any language (one strategy for all)."""
    return " or ".join(f"{expression}={literal(text)}" for text in dict.fromkeys(texts.values()))
