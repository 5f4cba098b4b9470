"""The Flow contract, and the Page every flow drives: a WebDriver plus the origin it talks to."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Any, TypeVar
from urllib.parse import urlsplit

from selenium.common.exceptions import (
    ElementClickInterceptedException,
    NoSuchElementException,
    NoSuchFrameException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

from flows import i18n
from flows.errors import FlowError, TransientPageError
from flows.locator import Locator, Strategy, any_text, find_each  # Locator: flows import it from here too
from flows.text import matches_any

log = logging.getLogger("flows")

T = TypeVar("T")

NOT_LOGGED_IN_MARKERS = ("/login", "/checkpoint/", "/uas/", "/authwall")


POLL_S = 0.1
LEAVE_POLL_S = 0.02
"""A page a click leaves is usually gone within milliseconds of the click's answer: asked more often."""
PRELOAD_PAYS_S = 0.1
"""A background tab costs about 0.1 s more to open and adopt than a reload; slower pages gain from one."""
_RETRY_AFTER_DEFAULT_S = 5.0
_RETRY_AFTER_JS = """
return fetch(location.href, {method: 'HEAD', cache: 'no-store', credentials: 'same-origin'})
  .then(r => r.ok ? '' : r.headers.get('Retry-After'))
  .catch(() => null);
"""
_LOAD_STATUS_JS = r"""
const n = performance.getEntriesByType('navigation')[0];
const heading = document.querySelector('h1, [role=heading]');
return [n ? n.responseStatus : 0, !!document.getElementById('main-frame-error'), location.pathname,
        n ? n.duration : 0, heading ? heading.textContent.replace(/\s+/g, ' ').trim() : ''];
"""


class State(StrEnum):
    OFF = "off"
    ON = "on"
    SUBMITTED = "submitted"
    NOT_SUBMITTED = "not-submitted"
    NOT_OFFERED = "not-offered"


PRIVATE_STATES = {State.OFF, State.SUBMITTED, State.NOT_OFFERED}


@dataclass
class Receipt:
    """What proves a change: a case number for a form, the new value for a setting."""

    case_id: str | None = None
    detail: str = ""


@dataclass
class Reading:
    """A flow's read of the page: the state, and for a submitted form the case that proves it."""

    state: State
    case_id: str | None = None


class PageMissing(FlowError):
    """A known path answered 404 or "this page doesn't exist", or led elsewhere: the page has moved. Not
    transient: the flow looks for it through LinkedIn's own Settings navigation instead of retrying."""

    code = "page-missing"

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class SessionLost(FlowError):
    """A page sent us to the login page: the session expired mid-flow. The runner logs in again once."""

    code = "session-expired"


# Only inside something that is a banner about cookies: a stray "Accept" (an invitation) must never be clicked.
# "cookie" is in every supported language's banner text.
_BANNER = ("//*[@role='dialog' or @role='alertdialog' or contains(@class, 'alert') or contains(@class, 'cookie') "
           "or contains(@class, 'consent')][contains(., 'ookie')]")
_REJECT_TEXT = f"{_BANNER}//button[{any_text(i18n.COOKIE_REJECT)}]"
_ACCEPT_TEXT = f"{_BANNER}//button[{any_text(i18n.COOKIE_ACCEPT)}]"
CONSENT_CHOICE = Locator("cookie banner choice", (
    Strategy(By.CSS_SELECTOR, "[id*=global-alert] button[action-type=DENY], "
             ".artdeco-global-alert button[action-type=DENY]", "reject button (action-type=DENY)"),
    Strategy(By.XPATH, _REJECT_TEXT, "reject button of a dialog about cookies", structural=True),
    Strategy(By.CSS_SELECTOR, "[id*=global-alert] button[action-type=ACCEPT], "
             ".artdeco-global-alert button[action-type=ACCEPT]", "accept button (action-type=ACCEPT)"),
    Strategy(By.XPATH, _ACCEPT_TEXT, "accept button of a dialog about cookies", structural=True),
), unmatched="no banner: the page is used as it is; a banner that takes a click is answered then")
"""A cookie-consent banner that covers the page: dismissed before the bot interacts, declining the optional
cookies where it can (the bot acts for a member who wants less of their data used), else accepting."""


@dataclass
class Page:
    """Everything a flow needs: the driver, the origin, how long to wait, and a hook to keep evidence."""

    driver: WebDriver
    base_url: str
    timeout: float = 15.0
    capture: Callable[[str], None] = field(default=lambda name: None)
    matched: dict[str, str] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)
    member_email: str | None = None
    member_name: str | None = None
    country: str | None = None  # the member's country of residence, for a form that asks and preselects none
    details: str | None = None  # the member's own words for a form's "details" box
    in_frame: bool = False
    consent_given: bool = False
    preloaded: dict[str, str] = field(default_factory=dict)  # path -> the tab loading it in the background
    background_tabs: bool = True  # off in a visible window, where a new tab would hide the one the bot works in
    load_s: float = 0.0  # how long the last page took to load
    untouched: tuple[str, str] | None = None  # (path, tab) of a page loaded and not clicked since


    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    @property
    def path(self) -> str:
        return urlsplit(self.driver.current_url).path

    def open(self, path: str, reuse: bool = False) -> None:
        """Load a page; a login redirect is SessionLost, an error status a TransientPageError. A cookie banner
        is answered by the first look for an element (`find`, `first_of`), in the same round trip. With
        `reuse`, a page that is still as it loaded (nothing clicked since) is read as it is: two settings on
        one page are read from one load."""
        self.top()
        if reuse and self.untouched == (path, self.driver.current_window_handle) and self.path == path:
            self.drop_preload(path)
            return
        self.untouched = None
        tab = self.preloaded.pop(path, None)
        if tab is None:
            self.driver.get(self.url(path))
        else:
            self.driver.close()  # the page we leave; the driver then waits for the preloaded one, if still loading
            self.driver.switch_to.window(tab)
        self.check_loaded(expected=path)
        self.untouched = (path, self.driver.current_window_handle)

    def preload(self, path: str) -> bool:
        """Start loading `path` in a background tab for a later `open(path)`, so that the load overlaps the
        work in between; True when it did. The tab is opened the way a person opens a link in a new tab. Not
        done while pages load faster than a tab opens and closes: a reload is then as quick."""
        if path in self.preloaded:
            return True
        if not self.background_tabs or self.load_s < PRELOAD_PAYS_S:
            return False
        self.top()
        before = set(self.driver.window_handles)
        self.driver.execute_script("window.open(arguments[0], '_blank', 'noopener')", self.url(path))
        opened = set(self.driver.window_handles) - before
        if len(opened) != 1:
            log.info("no background tab opened for %s; it will load when needed", path)
            return False
        self.preloaded[path] = opened.pop()
        log.info("loading %s in a background tab", path)
        return True

    def drop_preload(self, path: str) -> None:
        """Forget a background tab whose page is out of date (something it shows has just changed)."""
        tab = self.preloaded.pop(path, None)
        if tab is not None:
            current = self.driver.current_window_handle
            self.driver.switch_to.window(tab)
            self.driver.close()
            self.driver.switch_to.window(current)

    def drop_preloads(self) -> None:
        """Close the background tabs not used (a session that ended, an account done)."""
        for path in list(self.preloaded):
            self.drop_preload(path)

    def check_loaded(self, expected: str | None = None) -> None:
        """Raise for a page that did not load as a page the bot can use: a failed connection or an error status
        (transient), a sign-in page (SessionLost), or, when `expected` names the path asked for, a page that
        is not there (404, "this page doesn't exist") or a redirect to another page (PageMissing)."""
        status, network_error, path, load_ms, heading = self.driver.execute_script(_LOAD_STATUS_JS)
        self.load_s = max(0.0, float(load_ms or 0)) / 1000
        if network_error:
            raise TransientPageError(f"the connection failed while loading {path}")
        if isinstance(status, int) and (status >= 500 or status == 429):
            raise TransientPageError(f"{path} answered HTTP {status}", retry_after=self._retry_after(status))
        if requires_login(path):
            raise SessionLost(f"LinkedIn asked to sign in again at {path}")
        if expected is None:
            return
        if status in (404, 410) or matches_any(heading, i18n.PAGE_MISSING):
            raise PageMissing(f"{expected} answered that the page does not exist", expected)
        if path.rstrip("/") != urlsplit(self.url(expected)).path.rstrip("/"):
            raise PageMissing(f"{expected} led to {path} instead", expected)

    def _retry_after(self, status: int) -> float | None:
        """The Retry-After of an error page. Scripts cannot read a navigation's headers, so one HEAD request
        asks again: still limited, it says for how long; answered, the next attempt need not wait long."""
        if status not in (429, 503):
            return None
        try:
            header = self.driver.execute_script(_RETRY_AFTER_JS)
        except WebDriverException:
            header = None
        if header:
            return _seconds(str(header))
        return _RETRY_AFTER_DEFAULT_S if status == 429 and header is None else None

    def click(self, element: WebElement) -> None:
        """Click; when a cookie banner's overlay takes the click, answer the banner and click again."""
        self.untouched = None
        try:
            element.click()
        except ElementClickInterceptedException:
            if not self.dismiss_consent():
                raise
            element.click()

    def click_and_leave(self, element: WebElement, what: str) -> None:
        """Click something that navigates, and wait until the old page is gone."""
        self.click(element)
        self.wait(gone(element), what, poll=LEAVE_POLL_S)

    def dismiss_consent(self, found: tuple[WebElement, str] | None = None) -> bool:
        """Answer a cookie-consent banner when one covers the page (`found`: its button, when already looked
        up); True when one was answered."""
        found = found or CONSENT_CHOICE.find(self.driver)
        if found is None:
            return False
        button, strategy = found
        self.note(CONSENT_CHOICE, strategy)
        button.click()
        try:
            self.wait(lambda driver: CONSENT_CHOICE.find(driver) is None, "the cookie banner to close", timeout=5)
        except LocatorTimeout:
            raise TransientPageError(f"the cookie banner on {self.path} did not close when answered") from None
        self.consent_given = True
        return True

    def wait(self, condition: Callable[[WebDriver], T], what: str, timeout: float | None = None,
             poll: float = POLL_S) -> T:
        """Wait for a condition; stale elements during the wait are retried, a timeout names what was awaited."""
        waiter = WebDriverWait(self.driver, timeout or self.timeout, poll_frequency=poll,
                               ignored_exceptions=(StaleElementReferenceException, NoSuchElementException,
                                                   NoSuchFrameException))
        try:
            return waiter.until(condition)
        except TimeoutException:
            raise LocatorTimeout(what, self.path) from None

    def find(self, locator: Locator, timeout: float | None = None, root: WebElement | None = None) -> WebElement:
        """Wait until one of the locator's strategies matches (within `root` when given); remember which did,
        for logs and reports. A cookie banner over the page is answered first, so the element can be used."""
        if root is None:
            return self.first_of({locator.name: locator}, timeout)[1]
        element, strategy = self.wait(lambda _: locator.find(root), locator.name, timeout)
        self.note(locator, strategy)
        return element

    def note(self, locator: Locator, strategy: str) -> None:
        """Remember (and log at -v) the strategy that found a locator's element."""
        if self.matched.get(locator.name) != strategy:
            log.info("locator %s matched by %s", locator.name, strategy)
            self.matched[locator.name] = strategy

    def first_of(self, locators: dict[str, Locator], timeout: float | None = None,
                 while_missing: Callable[[], None] | None = None) -> tuple[str, WebElement]:
        """Wait until any of several elements appears (e.g. a switch, or a "not offered" note), the first key
        winning when several are there. A cookie banner seen meanwhile is answered; `while_missing` runs after
        each look that found none (e.g. to give up at once on an error page)."""
        def any_match(driver: WebDriver) -> tuple[str, WebElement, str] | None:
            found = self.look(driver, list(locators.values()))
            hit = next(((key, *hit) for key, hit in zip(locators, found, strict=True) if hit), None)
            if hit is None and while_missing is not None:
                while_missing()
            return hit

        names = " or ".join(locator.name for locator in locators.values())
        key, element, strategy = self.wait(any_match, names, timeout)
        self.note(locators[key], strategy)
        return key, element

    def find_in_frame(self, locator: Locator, frame: Locator, timeout: float | None = None) -> WebElement:
        """Wait until the locator matches on the page or inside the iframe `frame` finds; where it matched inside
        the iframe, stay there (until `top()` or the next `open()`)."""
        def in_page_or_frame(driver: WebDriver) -> tuple[WebElement, str, str | None] | None:
            self.top()
            found, framed = self.look(driver, [locator, frame])
            if found:
                return *found, None
            if framed is None:
                return None
            driver.switch_to.frame(framed[0])
            self.in_frame = True
            found = locator.find(driver)
            return (*found, framed[1]) if found else None

        try:
            element, strategy, frame_strategy = self.wait(in_page_or_frame, locator.name, timeout)
        except LocatorTimeout:
            self.top()
            raise
        if frame_strategy is not None:
            self.note(frame, frame_strategy)
        self.note(locator, strategy)
        return element

    def look(self, driver: WebDriver, locators: list[Locator]) -> list[tuple[WebElement, str] | None]:
        """Each locator's match, in one round trip that also looks for a cookie banner (answered at once)."""
        if self.consent_given or self.in_frame:
            return find_each(driver, locators)
        *found, banner = find_each(driver, [*locators, CONSENT_CHOICE])
        if banner is not None:
            self.dismiss_consent(banner)
        return found

    def top(self) -> None:
        """Back from an iframe to the page itself."""
        if self.in_frame:
            self.driver.switch_to.default_content()
            self.in_frame = False


@dataclass(frozen=True)
class ProbeTarget:
    """One page a flow needs, for `optout probe`: what must be found there (`required`, and at least one of
    `one_of`), what may be, the iframe the elements may live in, and a step that reveals more without sending
    anything (e.g. choosing a dropdown option that shows another field)."""

    name: str
    path: str
    required: tuple[Locator, ...] = ()
    one_of: tuple[Locator, ...] = ()
    optional: tuple[Locator, ...] = ()
    frame: Locator | None = None
    prepare: Callable[[Page], None] | None = None
    relocate: Callable[[Page], tuple[str, str] | None] | None = None  # where the page moved: (path, linked from)

    def locators(self) -> tuple[Locator, ...]:
        return (*self.required, *self.one_of, *self.optional)


def requires_login(path: str) -> bool:
    """The path is one of LinkedIn's sign-in or check pages."""
    return any(marker in path for marker in NOT_LOGGED_IN_MARKERS)


def gone(element: WebElement) -> Callable[[WebDriver], bool]:
    """A wait condition: the element's page has been replaced. Like Selenium's staleness_of, and also when
    Chromium answers that the element's node "does not belong to the document" (asked mid-navigation)."""
    check = staleness_of(element)

    def condition(driver: WebDriver) -> bool:
        try:
            return check(driver)
        except WebDriverException as error:
            if "does not belong to the document" in (error.msg or ""):
                return True
            raise

    return condition


def _seconds(retry_after: str) -> float | None:
    """Retry-After is either seconds or an HTTP date."""
    try:
        return max(0.0, float(retry_after))
    except ValueError:
        try:
            when = parsedate_to_datetime(retry_after)
        except (TypeError, ValueError):
            return None
        return max(0.0, (when - datetime.now(when.tzinfo)).total_seconds())


class LocatorTimeout(TransientPageError):
    """An element did not appear in time. Retried; when it never appears, the runner reports page-changed."""

    def __init__(self, locator: str, path: str) -> None:
        super().__init__(f"{locator} did not appear on {path}")
        self.locator = locator
        self.url = path


class Flow(ABC):
    """A single opt-out. check() only reads; apply() changes; verify() re-reads the page afresh. The runner calls
    them in that order, each a step of its own; first_page() and prepare_verify() let it overlap page loads."""

    name: str
    filed_once = False  # LinkedIn keeps a filing for good: one the journal saw verified settles the flow
    confirmed_by = "confirmed on a fresh read"  # what settled an earlier attempt whose answer was lost

    @abstractmethod
    def check(self, page: Page) -> Reading: ...

    @abstractmethod
    def apply(self, page: Page) -> Receipt: ...

    @abstractmethod
    def verify(self, page: Page, receipt: Receipt) -> Reading: ...

    def first_page(self, page: Page) -> str | None:
        """The page check() will open first, so that it can load while other flows work; None: no preloading."""
        return None

    def prepare_verify(self, page: Page) -> bool:
        """Start what verify() will read (e.g. load its page in a background tab); True when verify() gains by
        waiting while other flows work."""
        return False

    def probe_targets(self) -> tuple[ProbeTarget, ...]:
        """The pages this flow needs and the locators on each, for `optout probe` (read-only)."""
        return ()

    @abstractmethod
    def handoff(self, page: Page, problem: FlowError) -> Any:
        """What a person is to finish in the window when the bot cannot, and how the bot sees it done (a
        flows.person.Handoff)."""

    @abstractmethod
    def finished_by_person(self, page: Page, answer: Any) -> Receipt:
        """The receipt of what a person did, from what the handoff's condition saw."""
