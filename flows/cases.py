"""Case numbers: how the bot knows an objection was filed (the Help Center's cases list) and that a filing was
received (the page after Submit). Both are read by the case number's shape, not by guessed hooks.

docs/linkedin-facts.md: case numbers look like `211110-083997` (digits, a dash, digits); the cases page's markup is
unconfirmed, so an entry is whatever element holds one case number (a row, an item, a card, a link to
`/help/linkedin/cases/<id>`), and its text says which objection it is.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from selenium.webdriver.remote.webdriver import WebDriver

from flows.errors import PageChanged
from flows.text import matches_any

CASE_NUMBER = re.compile(r"(?<![\d-])\d{5,8}-\d{4,8}(?![\d-])")
CASE_LINK = re.compile(r"/cases/([^/?#]+)")
QUIET_S = 0.5
"""A page is read once its text has stopped changing for this long (a list may render in parts)."""
EMPTY_QUIET_S = 2.0
"""A cases page with no case number and no "no cases" note is read as empty only after this long without a
change, and without a loading sign: a client-rendered list may arrive well after the document. Reading it
empty too early would file an objection twice."""

_ENTRIES_JS = r"""
const [pattern] = arguments;
const RE = new RegExp(pattern, 'g');
const root = document.querySelector('main') || document.body;
const textOf = (el) => (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
const numbers = (text) => Array.from(new Set((text || '').match(RE) || []));
const linked = (a) => { const m = (a.getAttribute('href') || '').match(/\/cases\/([^/?#]+)/);
                        return m ? decodeURIComponent(m[1]) : null; };
// numbers are read text node by text node: run together ("...000123" + "2026-12-01"), they would not match
const shown = [];  // [the element showing a number, the number, whether it is text (not a link)]
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {acceptNode: (n) =>
  n.parentElement && !n.parentElement.closest('script, style, template, noscript, select, option')
    ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT});
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  for (const id of numbers(n.textContent)) shown.push([n.parentElement, id, true]);
}
root.querySelectorAll('a[href*="/cases/"]').forEach((a) => { if (linked(a)) shown.push([a, linked(a), false]); });
const idsIn = (el, textOnly) => new Set(shown.filter(([holder, , text]) => el.contains(holder) && (text || !textOnly))
  .map(([, id]) => id));
const ENTRY = 'tr, li, article, [role=row], [role=listitem], [role=article]';
const entries = new Map();
for (const [start] of shown) {
  let entry = start;
  while (!entry.matches(ENTRY) && entry.parentElement && entry.parentElement !== root
         && !entry.parentElement.querySelector('h1') && idsIn(entry.parentElement).size <= 1) {
    entry = entry.parentElement;
  }
  if (entries.has(entry)) continue;
  const inText = Array.from(idsIn(entry, true));
  const fromLink = Array.from(idsIn(entry, false)).filter((id) => !inText.includes(id));
  const typed = entry.closest('[data-case-type]') || entry.querySelector('[data-case-type]');
  entries.set(entry, [inText[0] || fromLink[0], textOf(entry), typed ? typed.getAttribute('data-case-type') : '']);
}
const loading = document.readyState !== 'complete' ||
  !!document.querySelector('[aria-busy=true], [role=progressbar], .loading, [class*=spinner], [class*=skeleton]');
return [Array.from(entries.values()), textOf(root), loading, numbers(root.innerText).length];
"""

_AFTER_SUBMIT_JS = r"""
const RE = new RegExp(arguments[0], 'g');
const body = document.body;
if (!body) return null;
const textOf = (el) => (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
const links = Array.from(document.querySelectorAll('a[href*="/cases/"]')).map((a) => a.href);
const alerts = Array.from(document.querySelectorAll('[role=alert], [aria-live=assertive], .error, [class*=error]'))
  .map(textOf).filter((t) => t);
const form = document.querySelector(
  'form textarea, form select, form [aria-haspopup=listbox], form input:not([type=hidden])');
return [Array.from(new Set(textOf(body).match(RE) || [])), links, alerts, !!form, textOf(body)];
"""


class Quiet:
    """True once the text it is shown has stayed the same for QUIET_S (asked on every poll of a wait)."""

    def __init__(self) -> None:
        self._last: tuple[str, float] | None = None

    def __call__(self, text: str, for_s: float = QUIET_S) -> bool:
        now = time.monotonic()
        if self._last is None or self._last[0] != text:
            self._last = (text, now)
            return False
        return now - self._last[1] >= for_s


@dataclass(frozen=True)
class Case:
    case_id: str
    kind: str  # the kind when the page says it in a hook (data-case-type), else ""
    text: str  # the entry's whole visible text: its subject says which objection it is


@dataclass(frozen=True)
class CaseList:
    """What the cases page shows (an object, so that a wait condition can answer "none" as a result)."""

    cases: tuple[Case, ...]


class CasesReader:
    """A wait condition for the cases page: its entries once the page shows them, or none once it says so."""

    def __init__(self, no_cases: dict[str, str]) -> None:
        self.no_cases = no_cases
        self._quiet = Quiet()

    def __call__(self, driver: WebDriver) -> CaseList | None:
        entries, text, loading, numbers_shown = driver.execute_script(_ENTRIES_JS, CASE_NUMBER.pattern)
        cases = tuple(Case(case_id, kind or "", entry_text) for case_id, entry_text, kind in entries if case_id)
        if numbers_shown and not cases and not loading:
            raise PageChanged("the cases page shows case numbers the bot cannot tell apart",
                              url=driver.current_url)
        if matches_any(text, self.no_cases) and not cases and not loading:
            return CaseList(())
        if not text or loading or not self._quiet(text, QUIET_S if cases else EMPTY_QUIET_S):
            return None
        return CaseList(cases)


@dataclass(frozen=True)
class AfterSubmit:
    """What the page after Submit shows: a case number, a link to the case, or LinkedIn's refusal."""

    case_id: str | None = None
    case_link: str | None = None
    refusal: str | None = None


class AfterSubmitReader:
    """A wait condition for the page after Submit; it answers once the page says something definite."""

    def __init__(self) -> None:
        self._quiet = Quiet()

    def __call__(self, driver: WebDriver) -> AfterSubmit | None:
        seen = driver.execute_script(_AFTER_SUBMIT_JS, CASE_NUMBER.pattern)
        if seen is None:
            return None
        numbers, links, alerts, form_again, text = seen
        if numbers:
            return AfterSubmit(case_id=numbers[0])
        if links:
            found = CASE_LINK.search(links[0])
            linked = found.group(1) if found else ""
            return AfterSubmit(case_id=linked if CASE_NUMBER.fullmatch(linked) else None, case_link=links[0])
        if not text or not self._quiet(text):
            return None
        if alerts:
            return AfterSubmit(refusal=alerts[0])
        if form_again:
            return AfterSubmit(refusal="the form came back without a case number or a message")
        return None


def case_number_in(driver: WebDriver) -> str | None:
    """The first case number a page shows (a case page opened through "View case")."""
    seen = driver.execute_script(_AFTER_SUBMIT_JS, CASE_NUMBER.pattern)
    return seen[0][0] if seen and seen[0] else None
