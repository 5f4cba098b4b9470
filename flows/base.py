"""The Flow contract, and the Page every flow drives: a WebDriver plus the origin it talks to."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

from flows.errors import FlowError, TransientPageError

log = logging.getLogger("flows")

T = TypeVar("T")

NOT_LOGGED_IN_MARKERS = ("/login", "/checkpoint/", "/uas/", "/authwall")


_RETRY_AFTER_DEFAULT_S = 5.0
_LOAD_STATUS_JS = """
const n = performance.getEntriesByType('navigation')[0];
return [n ? n.responseStatus : 0, !!document.getElementById('main-frame-error')];
"""


class State(StrEnum):
    OFF = "off"
    ON = "on"
    SUBMITTED = "submitted"
    NOT_SUBMITTED = "not-submitted"
    NOT_OFFERED = "not-offered"
    UNKNOWN = "unknown"


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


class SessionLost(FlowError):
    """A page sent us to the login page: the session expired mid-flow. The runner logs in again once."""

    code = "session-expired"


@dataclass(frozen=True)
class Locator:
    """One element, found by an ordered list of strategies (most stable first); `name` is used in errors."""

    name: str
    strategies: tuple[tuple[str, str], ...]

    def find(self, root: WebDriver | WebElement) -> tuple[WebElement, str] | None:
        for how, what in self.strategies:
            found = root.find_elements(how, what)
            if found:
                return found[0], f"{how}={what}"
        return None


@dataclass
class Page:
    """Everything a flow needs: the driver, the origin, how long to wait, and a hook to keep evidence."""

    driver: WebDriver
    base_url: str
    timeout: float = 15.0
    capture: Callable[[str], None] = field(default=lambda name: None)
    matched: dict[str, str] = field(default_factory=dict)
    member_email: str | None = None
    member_name: str | None = None

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    @property
    def path(self) -> str:
        return urlsplit(self.driver.current_url).path

    def open(self, path: str) -> None:
        """Load a page; a login redirect is SessionLost, an error status a TransientPageError."""
        self.driver.get(self.url(path))
        self.check_loaded()

    def check_loaded(self) -> None:
        status, network_error = self.driver.execute_script(_LOAD_STATUS_JS)
        if network_error:
            raise TransientPageError(f"the connection failed while loading {self.path}")
        if isinstance(status, int) and (status >= 500 or status == 429):
            raise TransientPageError(f"{self.path} answered HTTP {status}", retry_after=self._retry_after(status))
        if self.requires_login():
            raise SessionLost(f"LinkedIn asked to sign in again at {self.path}")

    def _retry_after(self, status: int) -> float | None:
        """The page's Retry-After header, read from Chromium's network log (scripts cannot see it)."""
        try:
            entries = self.driver.get_log("performance")
        except (WebDriverException, AttributeError):
            entries = []
        for entry in reversed(entries):
            message = json.loads(entry.get("message", "{}")).get("message", {})
            response = message.get("params", {}).get("response", {})
            if message.get("method") == "Network.responseReceived" and response.get("status") == status:
                headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
                if "retry-after" in headers:
                    return _seconds(headers["retry-after"])
        return _RETRY_AFTER_DEFAULT_S if status == 429 else None

    def click_and_leave(self, element: WebElement, what: str) -> None:
        """Click something that navigates, and wait until the old page is gone."""
        element.click()
        self.wait(staleness_of(element), what)

    def requires_login(self) -> bool:
        return any(marker in self.path for marker in NOT_LOGGED_IN_MARKERS)

    def wait(self, condition: Callable[[WebDriver], T], what: str, timeout: float | None = None) -> T:
        """Wait for a condition; stale elements during the wait are retried, a timeout names what was awaited."""
        waiter = WebDriverWait(self.driver, timeout or self.timeout, poll_frequency=0.1,
                               ignored_exceptions=(StaleElementReferenceException, NoSuchElementException))
        try:
            return waiter.until(condition)
        except TimeoutException:
            raise LocatorTimeout(what, self.path) from None

    def find(self, locator: Locator, timeout: float | None = None) -> WebElement:
        """Wait until one of the locator's strategies matches; remember which did, for logs and reports."""
        found = self.wait(lambda driver: locator.find(driver), locator.name, timeout)
        element, strategy = found
        if self.matched.get(locator.name) != strategy:
            log.info("locator %s matched by %s", locator.name, strategy)
            self.matched[locator.name] = strategy
        return element

    def first_of(self, locators: dict[str, Locator], timeout: float | None = None) -> tuple[str, WebElement]:
        """Wait until any of several elements appears (e.g. a switch, or a "not offered" note)."""
        def any_match(driver: WebDriver) -> tuple[str, WebElement] | None:
            for key, locator in locators.items():
                found = locator.find(driver)
                if found:
                    return key, found[0]
            return None

        names = " or ".join(locator.name for locator in locators.values())
        return self.wait(any_match, names, timeout)


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


class Flow(Protocol):
    """A single opt-out. check() only reads; apply() changes; verify() re-reads after a reload."""

    name: str
    is_form: bool

    def check(self, page: Page) -> Reading: ...

    def apply(self, page: Page) -> Receipt: ...

    def verify(self, page: Page, receipt: Receipt) -> Reading: ...
