"""Who is signed in: the member's email addresses (Settings > Email addresses) and name (several places).

docs/linkedin-facts.md: nothing on the feed reliably shows the email, Settings > Email addresses does, and a member may
have several addresses and sign in with any of them. The markup of that page is unconfirmed, so addresses are
read as whatever looks like one in the page's main content. The name has no confirmed element at all: it is
read from the first of several places that show it (the feed's identity card, the Me menu's picture, the
profile page's heading), each checked for looking like a name.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from selenium.webdriver.remote.webdriver import WebDriver

from flows import i18n
from flows.base import LocatorTimeout, Page, PageMissing
from flows.cases import Quiet
from flows.text import matches_any

log = logging.getLogger("flows.identity")

EMAILS_PATH = "/mypreferences/d/manage-email-addresses"
PROFILE_PATHS = ("/in/me/",)
"""Where the member's own profile is when no link to it was seen (LinkedIn sends /in/me/ to it; unconfirmed)."""
PROFILE_LINKS = "profile links"  # page.memo key: the links to the member's own profile the login saw
IDENTITY_CARD = "identity card"  # page.memo key: the text of the feed's identity card the login saw
EMAIL = re.compile(r"[^\s@<>()\"',;:]+@[^\s@<>()\"',;:]+\.[A-Za-z]{2,}")

_EMAILS_JS = r"""
const root = document.querySelector('main') || document.body;
if (!root) return null;
const RE = new RegExp(arguments[0], 'g');
const primaryWords = arguments[1].map((word) => word.toLowerCase());
const textOf = (el) => (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
// addresses are read text node by text node: a badge rendered right after one ("...@example.comPrimary")
// must not become part of it
const found = [];
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {acceptNode: (n) =>
  n.parentElement && !n.parentElement.closest('script, style, template, noscript')
    ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT});
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  for (const email of n.textContent.match(RE) || []) found.push([n.parentElement, email.toLowerCase()]);
}
root.querySelectorAll('a[href^="mailto:"], input[type=email]').forEach((el) => {
  const email = (el.value || (el.getAttribute('href') || '').slice(7)).toLowerCase();
  if (email) found.push([el, email]);
});
const emailsIn = (el) => new Set(found.filter(([holder]) => el.contains(holder)).map(([, email]) => email));
let primary = null;
for (const [el, email] of found) {
  // the largest element around this address that holds no other: does it say "primary"?
  let holder = el;
  while (holder.parentElement && holder.parentElement !== root && emailsIn(holder.parentElement).size <= 1) {
    holder = holder.parentElement;
  }
  if (primaryWords.some((word) => textOf(holder).toLowerCase().includes(word))) { primary = email; break; }
}
return [Array.from(new Set(found.map(([, email]) => email))), primary, textOf(root)];
"""

_NAME_JS = r"""
const squash = (t) => (t || '').replace(/\s+/g, ' ').trim();
const found = [];
const add = (text, source) => { if (squash(text)) found.push([squash(text), source]); };
const card = document.querySelector('.feed-identity-module');
if (card) {
  card.querySelectorAll('h1, h2, h3, a[href*="/in/"]')
    .forEach((el) => add(el.innerText || el.textContent, 'identity card'));
  card.querySelectorAll('span, strong, b, div')  // the card's first line of its own, whatever its element
    .forEach((el) => { if (!el.children.length) add(el.textContent, 'identity card text'); });
  card.querySelectorAll('[title]').forEach((el) => add(el.getAttribute('title'), 'identity card title'));
  card.querySelectorAll('img[alt]').forEach((el) => add(el.getAttribute('alt'), 'identity card picture'));
}
const me = document.querySelector('.global-nav__me') ||
  Array.from(document.querySelectorAll('nav *')).find((el) => squash(el.textContent) === 'Me');
if (me) {
  const scope = me.closest('li, div, nav') || me;
  scope.querySelectorAll('img[alt]').forEach((el) => add(el.getAttribute('alt'), 'Me menu picture'));
  scope.querySelectorAll('[title]').forEach((el) => add(el.getAttribute('title'), 'Me menu title'));
  add(me.getAttribute('title'), 'Me menu title');
}
// the member's own profile links: in the navigation or the identity card, never in the feed's posts
const own = Array.from(document.querySelectorAll(
  'nav a[href*="/in/"], header a[href*="/in/"], aside a[href*="/in/"], .feed-identity-module a[href*="/in/"]'));
own.forEach((a) => {
  add(a.innerText || a.textContent, 'profile link');
  add(a.getAttribute('title') || a.getAttribute('aria-label'), 'profile link title');
});
if (/^\/in\//.test(location.pathname)) {
  document.querySelectorAll('main h1, h1').forEach((el) => add(el.innerText || el.textContent, 'profile heading'));
}
return [found, own.map((a) => a.getAttribute('href')), card ? squash(card.innerText || card.textContent) : ''];
"""
_NOT_A_NAME = re.compile(r"^(me|home|you|profile|view profile|linkedin|photo|welcome.*|.*\bprofile\b.*|"
                         r"my network|jobs|messaging|notifications|premium.*|settings.*)$", re.IGNORECASE)
_PHOTO_OF = re.compile(r"^(photo of|picture of|profile photo of|foto von|photo de|foto de|foto di|zdjęcie)\s+|"
                       r"(?:'s)?\s+(photo|profile picture|picture)$", re.IGNORECASE)


@dataclass(frozen=True)
class Addresses:
    emails: tuple[str, ...]
    primary: str | None

    def include(self, email: str) -> bool:
        return email.strip().lower() in self.emails

    def shown(self) -> str:
        """The signed-in member, as a message names them."""
        return self.primary or (self.emails[0] if self.emails else "an unknown member")


def read_addresses(page: Page) -> Addresses:
    """The signed-in member's addresses from Settings > Email addresses; PageMissing or LocatorTimeout when
    that page cannot be read."""
    page.open(EMAILS_PATH)
    quiet = Quiet()

    def listed(driver: WebDriver) -> Addresses | None:
        seen = driver.execute_script(_EMAILS_JS, EMAIL.pattern, list(dict.fromkeys(i18n.PRIMARY.values())))
        if seen is None:
            return None
        emails, primary, text = seen
        if not quiet(text):
            return None
        if not emails:
            raise PageMissing(f"{EMAILS_PATH} shows no email address", EMAILS_PATH)
        return Addresses(tuple(emails), primary)

    return page.wait(listed, "the member's email addresses")


def looks_like_name(text: str) -> bool:
    return (2 <= len(text) <= 80 and "@" not in text and any(ch.isalpha() for ch in text)
            and not _NOT_A_NAME.match(text) and not matches_any(text, i18n.PAGE_MISSING) and len(text.split()) <= 6)


@dataclass(frozen=True)
class Shown:
    """What a page shows of the signed-in member: the name, links to their profile, their identity card's text
    (which may say where they live)."""

    name: str | None
    profile_links: list[str]
    card: str


def name_on_page(driver: WebDriver) -> Shown:
    found, links, card = driver.execute_script(_NAME_JS)
    for text, source in found:
        name = _PHOTO_OF.sub("", text).strip()
        if looks_like_name(name):
            log.info("member name read from the %s", source)
            return Shown(name, links, card)
    return Shown(None, links, card)


def find_name(page: Page, profile_links: list[str]) -> str | None:
    """The name from the member's profile page: through a link to it the feed showed, else /in/me/."""
    for path in [*profile_links[:1], *PROFILE_PATHS]:
        target = path if path.startswith("/") else "/" + path.split("/", 3)[-1]
        try:
            page.driver.get(page.url(target))
            page.check_loaded()
            name = page.wait(lambda driver: name_on_page(driver).name, "the member's name on the profile page",
                             timeout=min(page.timeout, 5))
        except (LocatorTimeout, PageMissing):
            continue
        return name
    return None
