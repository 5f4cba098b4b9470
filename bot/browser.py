"""Find a browser and a driver on this machine (never only by downloading one) and start a WebDriver session."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import urllib3
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chromium.options import ChromiumOptions
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.webdriver import WebDriver

from bot.errors import NoBrowser

log = logging.getLogger(__name__)

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL_HINT = ("install a browser and its driver, e.g. `apt-get install -y chromium chromium-driver`, "
                "or point --driver-path/--browser-path (OPTOUT_DRIVER_PATH/OPTOUT_BROWSER_PATH) at them")
PAGE_LOAD_TIMEOUT_S = 60


class NotGiven(LookupError):
    """A step that had nothing to try (no explicit path given): skipped, not failed."""


@dataclass
class Step:
    """One discovery step and what it found (a path) or why it failed."""

    name: str
    ok: bool
    detail: str
    skipped: bool = False

    def describe(self) -> str:
        mark = "skip" if self.skipped else "ok  " if self.ok else "fail"
        return f"{mark} {self.name}: {self.detail}"


@dataclass
class Discovery:
    driver_path: str | None = None
    browser_path: str | None = None
    via: str | None = None
    steps: list[Step] = field(default_factory=list)

    def describe(self) -> list[str]:
        return [step.describe() for step in self.steps]


def _explicit(driver_path: str | None) -> str:
    if not driver_path:
        raise NotGiven("not given (--driver-path / OPTOUT_DRIVER_PATH)")
    path = Path(driver_path)
    if not path.is_file():
        raise LookupError(f"{driver_path} does not exist or is not a file")
    if not os.access(path, os.X_OK):
        raise LookupError(f"{driver_path} is not executable")
    return str(path)


def _on_path(_: str | None) -> str:
    found = shutil.which("chromedriver")
    if not found:
        raise LookupError("no `chromedriver` on PATH")
    return found


def _selenium_manager(_: str | None) -> str:
    from selenium.webdriver.common.selenium_manager import SeleniumManager

    previous = os.environ.get("SE_OFFLINE")
    os.environ["SE_OFFLINE"] = "true"
    try:
        result = SeleniumManager().binary_paths(["--browser", "chrome", "--offline"])
    except WebDriverException as error:
        raise LookupError(_first_line(error.msg or str(error))) from None
    finally:
        if previous is None:
            os.environ.pop("SE_OFFLINE", None)
        else:
            os.environ["SE_OFFLINE"] = previous
    if not result.get("driver_path"):
        raise LookupError("found no chromedriver offline (it only finds drivers already on this machine)")
    return str(result["driver_path"])


def _webdriver_manager(_: str | None) -> str:
    from requests.exceptions import RequestException
    from webdriver_manager.chrome import ChromeDriverManager
    from webdriver_manager.core.os_manager import ChromeType

    try:
        return str(ChromeDriverManager(chrome_type=ChromeType.CHROMIUM).install())
    except (RequestException, ValueError, OSError) as error:
        raise LookupError(f"download failed: {error.__class__.__name__}: {_first_line(str(error))}") from None


DRIVER_STEPS: tuple[tuple[str, Callable[[str | None], str]], ...] = (
    ("explicit path", _explicit),
    ("chromedriver on PATH", _on_path),
    ("Selenium Manager (SE_OFFLINE=true)", _selenium_manager),
    ("webdriver-manager download", _webdriver_manager),
)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0][:300] if lines else "no reason given"


def find_browser(browser_path: str | None) -> str | None:
    if browser_path:
        return browser_path if Path(browser_path).is_file() else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def discover(driver_path: str | None = None, browser_path: str | None = None,
             environ: Mapping[str, str] = os.environ) -> Discovery:
    """Try each way of finding a driver in order, stopping at the first that works; record every failure."""
    driver_path = driver_path or environ.get("OPTOUT_DRIVER_PATH") or None
    browser_path = browser_path or environ.get("OPTOUT_BROWSER_PATH") or None
    found = Discovery()
    for name, step in DRIVER_STEPS:
        try:
            path = step(driver_path)
        except LookupError as reason:
            found.steps.append(Step(name, False, str(reason), skipped=isinstance(reason, NotGiven)))
            continue
        found.steps.append(Step(name, True, path))
        found.driver_path, found.via = path, name
        break
    found.browser_path = find_browser(browser_path)
    if found.browser_path is None:
        wanted = browser_path or " / ".join(BROWSER_NAMES)
        found.steps.append(Step("browser", False, f"not found: {wanted}"))
    else:
        found.steps.append(Step("browser", True, found.browser_path))
    return found


def require(found: Discovery) -> Discovery:
    """No driver or no browser: stop with what each step tried, before anything else happens."""
    if found.driver_path is None or found.browser_path is None:
        failed = [step.describe() for step in found.steps if not step.ok and not step.skipped]
        raise NoBrowser("no browser and driver found (" + "; ".join(failed) + ")",
                        hint=INSTALL_HINT, attempts=found.describe())
    return found


@dataclass(frozen=True)
class BrowserOptions:
    headless: bool = True
    profile_dir: Path | None = None
    driver_path: str | None = None
    browser_path: str | None = None
    language: str = "en-US"
    remote_url: str | None = None
    browser: str = "chromium"


BROWSERS = ("chromium", "chrome", "firefox", "edge")


def chrome_arguments(options: BrowserOptions) -> list[str]:
    """Flags that let Chromium run headless as root on a closed network without stalling on Google's hosts."""
    args = ["--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-features=Translate,MediaRouter", "--window-size=1280,1000", f"--lang={options.language}",
            "--password-store=basic"]
    if options.headless:
        args.append("--headless=new")
    if os.geteuid() == 0:
        args.append("--no-sandbox")
    if options.profile_dir is not None:
        args.append(f"--user-data-dir={options.profile_dir}")
    return args


def make_driver(options: BrowserOptions, discovery: Discovery | None = None) -> WebDriver:
    """Start a local Chromium; when it cannot start, say why in the words Chromium itself used."""
    if options.remote_url:
        return _remote_driver(options)
    found = require(discovery or discover(options.driver_path, options.browser_path))
    chrome = webdriver.ChromeOptions()
    assert found.browser_path is not None and found.driver_path is not None
    chrome.binary_location = found.browser_path
    for argument in chrome_arguments(options):
        chrome.add_argument(argument)
    _chromium_preferences(chrome)
    service = Service(executable_path=found.driver_path, log_output=subprocess.DEVNULL)
    try:
        driver = webdriver.Chrome(service=service, options=chrome)
    except WebDriverException as error:
        reason = _browser_own_reason(found.browser_path, options) or _first_line(error.msg or str(error))
        raise NoBrowser(f"the browser did not start: {reason}", hint=START_HINT) from None
    return _ready(driver)


def _ready(driver: WebDriver) -> WebDriver:
    driver.implicitly_wait(0)
    driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT_S)
    return driver


def _chromium_preferences(chrome: ChromiumOptions) -> None:
    """No password manager prompts over the pages. (No network log: it slowed every page by about a fifth.)"""
    chrome.add_experimental_option("prefs", {"credentials_enable_service": False,
                                             "profile.password_manager_enabled": False})


def remote_options(options: BrowserOptions) -> ArgOptions:
    """Options for a browser on a Selenium Grid node (or any W3C endpoint); the profile stays on the node."""
    if options.browser == "firefox":
        firefox = webdriver.FirefoxOptions()
        if options.headless:
            firefox.add_argument("-headless")
        firefox.set_preference("intl.accept_languages", options.language)
        return firefox
    chromium: ChromiumOptions = webdriver.EdgeOptions() if options.browser == "edge" else webdriver.ChromeOptions()
    for argument in chrome_arguments(replace(options, profile_dir=None)):
        chromium.add_argument(argument)
    if "--no-sandbox" not in chromium.arguments:
        chromium.add_argument("--no-sandbox")  # grid nodes run in containers, where Chromium's sandbox cannot start
    if options.browser_path:
        chromium.binary_location = options.browser_path
    _chromium_preferences(chromium)
    return chromium


def _remote_driver(options: BrowserOptions) -> WebDriver:
    assert options.remote_url is not None
    try:
        driver = webdriver.Remote(command_executor=options.remote_url, options=remote_options(options))
    except (WebDriverException, urllib3.exceptions.HTTPError, OSError) as error:
        raise _remote_refused(options, _first_line(getattr(error, "msg", None) or str(error))) from None
    return _ready(driver)


_GRID_QUEUE_TIMED_OUT = "New session request timed out"
_GRID_HAS_NO_SUCH_NODE = "No nodes support the capabilities"


def _remote_refused(options: BrowserOptions, reason: str) -> NoBrowser:
    """Why a grid gave no session, in its own terms: nothing listening, no free slot in time, no such browser."""
    url, browser = options.remote_url, options.browser
    if "Connection refused" in reason or "Failed to establish a new connection" in reason:
        return NoBrowser(f"nothing answers at {url} (connection refused): no Selenium Grid hub or WebDriver runs there",
                         hint="start the grid (docs/grid.md) or fix --remote-url (a hub is usually http://HOST:4444)")
    if _GRID_QUEUE_TIMED_OUT in reason:
        return NoBrowser(f"the grid at {url} had no free slot for a {browser}: it queued the session request until "
                         f"its timeout ({reason})",
                         hint="use no more --workers than the grid has free slots (its /status lists them), and "
                              f"check that its nodes are up and offer {browser}")
    if _GRID_HAS_NO_SUCH_NODE in reason:
        return NoBrowser(f"no node of the grid at {url} offers a {browser}: {reason}",
                         hint=f"start a node that serves {browser}, or pick another --browser")
    return NoBrowser(f"the remote WebDriver at {url} did not start a {browser}: {reason}",
                     hint="check --remote-url (a Selenium Grid hub is usually http://HOST:4444) and that a node "
                          f"offers {browser}")


_LOG_PREFIX = re.compile(r"^\[[^\]]*(?:ERROR|FATAL)[^\]]*\]\s*")
_NOISE = ("dbus", "Failed to connect to the bus")
START_HINT = ("the browser is installed but would not start: see the reason above (a --headed run needs a display, "
              "e.g. under xvfb-run)")


def _browser_own_reason(browser_path: str, options: BrowserOptions) -> str | None:
    """Selenium only says "Chrome instance exited"; start the browser alone to read the real reason."""
    args = [browser_path, *chrome_arguments(options), "--dump-dom", "about:blank"]
    try:
        completed = subprocess.run(args, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"{browser_path}: {error}"
    if completed.returncode == 0:
        return None
    errors = [_LOG_PREFIX.sub("", line) for line in completed.stderr.splitlines()
              if ("ERROR" in line or "FATAL" in line) and not any(noise in line for noise in _NOISE)]
    return _first_line("\n".join(errors) or completed.stderr) + f" (exit {completed.returncode})"


def session_version(options: BrowserOptions, found: Discovery) -> str:
    """Start a real session with what discovery found, and return the browser's version (`optout doctor`)."""
    driver = make_driver(options, found)
    try:
        return str(driver.capabilities.get("browserVersion", "unknown"))
    finally:
        driver.quit()
