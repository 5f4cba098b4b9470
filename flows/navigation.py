"""Finding a setting that moved, the way a person would: through LinkedIn's own Settings pages.

A setting's path is confirmed today (docs/linkedin-facts.md) but paths move; the Settings category pages link to every
setting by its title. So when a known path answers "this page doesn't exist" or leads elsewhere, the category
page is read and the link whose text is the setting's title (in any supported language) is followed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from selenium.webdriver.remote.webdriver import WebDriver

from flows.base import LocatorTimeout, Page, PageMissing
from flows.cases import Quiet
from flows.errors import PageChanged
from flows.text import best_likeness

log = logging.getLogger("flows.navigation")

SETTINGS_HOME = "/mypreferences/d"
PRIVACY = "/mypreferences/d/categories/privacy"
ADS = "/mypreferences/d/categories/ads"
TITLE_LIKENESS = 0.75
"""How much of a title's words a link must carry: enough to tell "Ads beyond LinkedIn" from "Ads by age"."""
CLEAR_LEAD = 0.3
"""A link carrying less of the title is still taken when it carries at least half and leads every other link
on the page by this much (a title reworded: "Dati per l'IA generativa")."""

_LINKS_JS = r"""
const squash = (t) => (t || '').replace(/\s+/g, ' ').trim();
const root = document.querySelector('main') || document.body;
if (!root) return null;
return [Array.from(root.querySelectorAll('a[href]')).map((a) =>
  [squash(a.innerText || a.textContent) || squash(a.getAttribute('aria-label')), a.getAttribute('href')]),
  squash(root.innerText || root.textContent)];
"""


def _links(page: Page) -> list[tuple[str, str]]:
    quiet = Quiet()

    def settled(driver: WebDriver) -> list[tuple[str, str]] | None:
        seen = driver.execute_script(_LINKS_JS)
        if seen is None or not quiet(seen[1]):
            return None
        return [(text, href) for text, href in seen[0]]

    return page.wait(settled, f"the links of {page.path}")


def _local(href: str, page: Page) -> str | None:
    """The path of a link on this site (None for another site's)."""
    parts = urlsplit(href)
    if parts.netloc and parts.netloc != urlsplit(page.base_url).netloc:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _stands_out(scores: list[float]) -> bool:
    """The best link is the setting's: it carries its title, or clearly more of it than any other link."""
    best, runner_up = scores[0], (scores[1] if len(scores) > 1 else 0.0)
    return best >= TITLE_LIKENESS or (best >= 0.5 and best - runner_up >= CLEAR_LEAD)


def find_setting(page: Page, titles: Iterable[str], categories: tuple[str, ...]) -> tuple[str, str] | None:
    """(the setting's path, the page that linked to it), from its category pages and then the Settings home's
    categories; None when the Settings pages were read and none links to it. PageChanged when none could be
    read at all."""
    queue, seen, read = [*categories, SETTINGS_HOME], set(), 0
    while queue:
        where = queue.pop(0)
        if where in seen:
            continue
        seen.add(where)
        try:
            page.open(where)
            links = _links(page)
        except (PageMissing, LocatorTimeout) as error:
            log.info("settings navigation: %s", error)
            continue
        read += 1
        scored = sorted(((best_likeness(text, titles), text, href) for text, href in links), reverse=True)
        if scored and _stands_out([score for score, _, _ in scored]) and (path := _local(scored[0][2], page)):
            log.info("found the setting %r at %s through %s", scored[0][1], path, where)
            return path, where
        if where == SETTINGS_HOME:
            queue += [path for _, href in links if "/categories/" in href and (path := _local(href, page))]
    if not read:
        raise PageChanged(f"none of LinkedIn's Settings pages could be read ({', '.join(seen)})")
    return None
