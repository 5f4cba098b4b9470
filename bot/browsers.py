"""Where each account's browser comes from: its own kept profile, or its worker's reused, wiped browser."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import urllib3
from selenium.common.exceptions import InvalidSessionIdException, NoSuchWindowException, WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver

from bot.accounts import Account
from bot.browser import BrowserOptions, Discovery, discover, make_driver, require
from bot.private_files import make_private_dir
from bot.profiles import PasswordStamp, ProfileLock, reap_orphan_browser
from bot.settings import Settings

log = logging.getLogger(__name__)

BROWSER_ERRORS = (WebDriverException, urllib3.exceptions.HTTPError, ConnectionError)
"""Anything the browser or its driver raises, whether it refused one action or is gone: for the places where any
failure means the same (a wipe that failed, a page read that is optional); `is_gone` tells the two apart."""

BROWSER_GONE = (urllib3.exceptions.HTTPError, ConnectionError, InvalidSessionIdException, NoSuchWindowException)
"""What a dead browser raises by its type: its driver stopped answering (the connection is refused or dropped),
or its session or window no longer exists (a grid node lost, a killed browser)."""

_GONE_WORDS = ("invalid session id", "no such session", "unable to find session", "session deleted",
               "session timed out", "not reachable", "disconnected", "target window already closed",
               "no such window", "target closed", "tab crashed", "browsing context has been discarded",
               "unable to execute request for an existing session")
"""What a WebDriverException says when the browser behind the session is gone (Chromium, Firefox, a grid; the last:
a Selenium Grid hub whose node no longer answers, as when it died)."""


def is_gone(error: BaseException) -> bool:
    """Whether the browser behind an error is gone, not merely refusing one action."""
    if isinstance(error, BROWSER_GONE):
        return True
    message = (error.msg or "") if isinstance(error, WebDriverException) else ""
    return any(words in message.lower() for words in _GONE_WORDS)


def quit_quietly(driver: WebDriver) -> None:
    """Quit a browser that may be gone already; anything else a quit raises is not swallowed."""
    try:
        driver.quit()
    except BROWSER_ERRORS as error:
        if not is_gone(error):
            raise
        log.debug("the browser was already gone: %s", error.__class__.__name__)


class Lease:
    """The browser one account uses; `replace` starts a new one when the old one died."""

    def __init__(self, start: Callable[[], WebDriver], stamp: PasswordStamp | None) -> None:
        self._start = start
        self.stamp = stamp
        self.driver = start()

    def replace(self) -> WebDriver:
        quit_quietly(self.driver)
        self.driver = self._start()
        return self.driver


def _options(settings: Settings, profile: Path | None) -> BrowserOptions:
    return BrowserOptions(headless=settings.headless, profile_dir=profile, driver_path=settings.driver_path,
                          browser_path=settings.browser_path, remote_url=settings.remote_url,
                          browser=settings.browser)


class KeptProfiles:
    """A browser per account on the account's own kept profile, so its LinkedIn session survives between runs."""

    def __init__(self, settings: Settings, discovery: Discovery | None) -> None:
        self.settings = settings
        self.discovery = discovery

    @contextmanager
    def lease(self, account: Account) -> Iterator[Lease]:
        with ProfileLock(self.settings.profiles_dir, account.slug) as profile:
            if reap_orphan_browser(profile):
                log.warning("%s: stopped a browser left running on its profile by an earlier run", account.email)
            lease = Lease(lambda: self._start(profile), PasswordStamp(profile))
            try:
                yield lease
            finally:
                quit_quietly(lease.driver)
                reap_orphan_browser(profile)

    def _start(self, profile: Path) -> WebDriver:
        return make_driver(_options(self.settings, profile), self.discovery)

    def close(self) -> None:
        """Nothing outlives an account here."""


class WorkerBrowsers:
    """Fresh sessions: each worker starts one browser on a throwaway profile and, with `reuse`, keeps it for its
    next account after wiping cookies and storage, which saves the browser start and its first-load stall."""

    def __init__(self, settings: Settings, discovery: Discovery | None, reuse: bool) -> None:
        self.settings = settings
        self.discovery = discovery
        self.reuse = reuse
        self._local = threading.local()
        self._lock = threading.Lock()
        self._started: list[tuple[Lease, Path | None]] = []
        self._starting = 0

    def _start(self, profile: Path | None) -> WebDriver:
        with self._lock:
            self._starting += 1
        try:
            return make_driver(_options(self.settings, profile), self.discovery)
        finally:
            with self._lock:
                self._starting -= 1

    def _slot_wanted(self) -> bool:
        """On a grid, another worker waiting for a session (its node was lost, or the grid has fewer free slots
        than --workers) gets this worker's slot: its browser is given back after the account, not kept."""
        with self._lock:
            return bool(self.settings.remote_url) and self._starting > 0

    @contextmanager
    def lease(self, account: Account) -> Iterator[Lease]:
        """A kept browser was wiped when its last account ended (`finally` below), so it is handed on as it is; one
        whose wipe failed may still hold that account's session, so it is retired and the next account starts a
        new one."""
        lease: Lease | None = getattr(self._local, "lease", None)
        if lease is None:
            lease = self._new_lease()
        try:
            yield lease
        finally:
            if not self.reuse or self._slot_wanted() or not self._wipe(lease.driver, account):
                self._retire(lease)

    def _new_lease(self) -> Lease:
        profile = None
        if not self.settings.remote_url:
            profile = make_private_dir(Path(tempfile.mkdtemp(prefix="optout-profile-")))
        lease = Lease(lambda: self._start(profile), None)
        self._local.lease = lease
        with self._lock:
            self._started.append((lease, profile))
        return lease

    def _retire(self, lease: Lease) -> None:
        quit_quietly(lease.driver)
        self._local.lease = None
        with self._lock:
            profiles = [p for started, p in self._started if started is lease]
            self._started = [(s, p) for s, p in self._started if s is not lease]
        for profile in profiles:
            if profile is not None:
                shutil.rmtree(profile, ignore_errors=True)

    def _wipe(self, driver: WebDriver, account: Account) -> bool:
        """No trace of the last account: cookies (deleted from LinkedIn's origin) and web storage; and a new tab
        for the next one, so the last one's page process, its history and memory go (it grew ~17 MiB an account).
        False when any step failed: the browser may still hold the account's session."""
        try:
            used = driver.window_handles
            driver.switch_to.new_window("tab")
            fresh = driver.current_window_handle
            for handle in used:
                driver.switch_to.window(handle)
                driver.close()
            driver.switch_to.window(fresh)
            driver.get(self.settings.base_url.rstrip("/") + "/robots.txt")
            driver.delete_all_cookies()
            driver.execute_script("try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}")
        except BROWSER_ERRORS as error:  # refused or gone, a failed step leaves the browser unfit to hand on
            log.warning("%s: could not wipe the browser after this account (%s); it is retired, and the next "
                        "account starts in a new one", account.email, error.__class__.__name__)
            return False
        return True

    def close(self) -> None:
        with self._lock:
            started = list(self._started)
        for lease, _ in started:
            self._retire(lease)


def keeps_profiles(settings: Settings) -> bool:
    """Only a local browser can keep a profile between runs; a grid node's profile vanishes with its session."""
    return settings.keep_sessions and not settings.remote_url


def browser_source(settings: Settings, reuse: bool | None = None) -> KeptProfiles | WorkerBrowsers:
    """Find the local browser once (no browser: exit 3, before anything is done) and choose where accounts'
    browsers come from."""
    found = None if settings.remote_url else require(discover(settings.driver_path, settings.browser_path))
    if keeps_profiles(settings):
        return KeptProfiles(settings, found)
    return WorkerBrowsers(settings, found, reuse=settings.reuse_browser if reuse is None else reuse)
