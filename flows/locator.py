"""Locators: one element, found by a short ordered list of strategies (stable hook first, texts last)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

TEXT = "{text}"  # where a language's text goes in an XPath template


class Strategy(NamedTuple):
    """One way to find an element; `label` names it in logs, reports and `optout probe` (else how=what)."""

    how: str
    what: str
    label: str = ""

    def describe(self) -> str:
        return self.label or f"{self.how}={self.what}"


@dataclass(frozen=True)
class Locator:
    """One element, found by an ordered list of strategies (most stable first); `name` is used in errors.

    Strategies may be given as plain `(By.X, value)` pairs.
    """

    name: str
    strategies: tuple[Strategy, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "strategies", tuple(Strategy(*s) for s in self.strategies))

    def find(self, root: WebDriver | WebElement) -> tuple[WebElement, str] | None:
        """The first element of the first strategy that matches, and that strategy's description.

        A page still rendering can gain an element between two strategies; when a fallback matched, the ones
        before it are asked once more, so the report names the most stable strategy that works."""
        for index, strategy in enumerate(self.strategies):
            found = root.find_elements(strategy.how, strategy.what)
            if found:
                for earlier in self.strategies[:index]:
                    again = root.find_elements(earlier.how, earlier.what)
                    if again:
                        return again[0], earlier.describe()
                return found[0], strategy.describe()
        return None

    def find_all(self, root: WebDriver | WebElement) -> list[WebElement]:
        """Every element of the first strategy that matches anything."""
        for strategy in self.strategies:
            found = root.find_elements(strategy.how, strategy.what)
            if found:
                return found
        return []

    def describe(self) -> list[str]:
        return [strategy.describe() for strategy in self.strategies]


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
