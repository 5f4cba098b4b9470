"""Why the site could not be reached, in words: the browser's own network error (Chromium's `net::ERR_...`, on an
exception or on its error page; Firefox's about:neterror page) turned into one message that names the host and the
reason, instead of "the browser refused an action". Such an error is not worth retrying: it is said once."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selenium.webdriver.remote.webdriver import WebDriver

from bot.browsers import BROWSER_ERRORS
from flows.errors import FlowError

_CHROMIUM_CODE = re.compile(r"\b(?:net::)?(ERR_[A-Z0-9_]+)\b")
_FIREFOX_PAGE = re.compile(r"^about:(neterror|certerror)\?(?:.*&)?e=(\w+)")
# Chromium's error pages (chrome-error://) and interstitials name their error in `.error-code`.
_ERROR_PAGE_JS = """
const code = document.querySelector('.error-code, #error-code');
return [location.href, code ? code.textContent.trim() : ''];
"""

NAME, REFUSED, TIMED_OUT, OFFLINE, DROPPED, CERTIFICATE, PROXY, PORT = (
    "its name could not be resolved: no network, or no DNS answer for that name",
    "the connection was refused: nothing answers on that address and port",
    "the connection timed out",
    "this machine has no network connection, or no route to it",
    "the connection was dropped before a page arrived",
    "its certificate was not accepted",
    "the proxy could not be reached",
    "the browser refuses to connect to that port: Chromium blocks it as unsafe",
)
_REASONS = {
    "ERR_NAME_NOT_RESOLVED": NAME, "ERR_NAME_RESOLUTION_FAILED": NAME, "ERR_DNS_TIMED_OUT": NAME,
    "ERR_CONNECTION_REFUSED": REFUSED,
    "ERR_CONNECTION_TIMED_OUT": TIMED_OUT, "ERR_TIMED_OUT": TIMED_OUT,
    "ERR_INTERNET_DISCONNECTED": OFFLINE, "ERR_ADDRESS_UNREACHABLE": OFFLINE, "ERR_NETWORK_CHANGED": OFFLINE,
    "ERR_NETWORK_ACCESS_DENIED": OFFLINE, "ERR_ADDRESS_INVALID": OFFLINE,
    "ERR_CONNECTION_RESET": DROPPED, "ERR_CONNECTION_CLOSED": DROPPED, "ERR_EMPTY_RESPONSE": DROPPED,
    "ERR_CONNECTION_FAILED": DROPPED,
    "ERR_PROXY_CONNECTION_FAILED": PROXY, "ERR_TUNNEL_CONNECTION_FAILED": PROXY,
    "ERR_UNSAFE_PORT": PORT,
    # Firefox (a Selenium Grid node), from about:neterror?e=...
    "dnsNotFound": NAME, "connectionFailure": REFUSED, "netTimeout": TIMED_OUT, "netOffline": OFFLINE,
    "netReset": DROPPED, "netInterrupt": DROPPED, "proxyConnectFailure": PROXY, "nssFailure2": CERTIFICATE,
}


class SiteUnreachable(FlowError):
    """The browser could not reach the site at all: nothing on LinkedIn's side was tried."""

    code = "site-unreachable"


def unreachable(base_url: str, error: BaseException, driver: WebDriver | None = None) -> SiteUnreachable | None:
    """The site-unreachable error behind `error`, or None when it was not a network failure. The error's text is
    read first; with `driver`, the page the browser shows (its own error page) is read too."""
    code = _code_in(getattr(error, "msg", None) or str(error))
    if code is None and driver is not None:
        code = _code_on_page(driver)
    if code is None:
        return None
    return SiteUnreachable(f"{_host(base_url)} could not be reached: {_reason(code)}", hint=_hint(code, base_url))


def _code_in(text: str) -> str | None:
    found = _CHROMIUM_CODE.search(text)
    return found.group(1) if found and _is_network(found.group(1)) else None


def _code_on_page(driver: WebDriver) -> str | None:
    try:
        href, shown = driver.execute_script(_ERROR_PAGE_JS)
    except BROWSER_ERRORS:  # no page to read: nothing to say about the network
        return None
    firefox = _FIREFOX_PAGE.match(href or "")
    if firefox:
        return firefox.group(2) if firefox.group(1) == "neterror" else "ERR_CERT_INVALID"
    if not str(href).startswith("chrome-error:"):
        return None  # a page of the site itself, whatever its text says
    return _code_in(str(shown))


def _is_network(code: str) -> bool:
    return code in _REASONS or code.startswith(("ERR_CERT_", "ERR_SSL_", "ERR_BAD_SSL", "ERR_CONNECTION_"))


def _reason(code: str) -> str:
    if code.startswith(("ERR_CERT_", "ERR_SSL_", "ERR_BAD_SSL")):
        return f"{CERTIFICATE} ({code})"
    return f"{_REASONS.get(code, 'the connection failed')} ({code})"


def _host(base_url: str) -> str:
    parts = urlsplit(base_url)
    return parts.netloc or base_url


def _hint(code: str, base_url: str) -> str:
    if _reason(code).startswith(CERTIFICATE):
        return "check this computer's clock, and whether a proxy or network filter intercepts HTTPS; then run again"
    host = urlsplit(base_url).hostname or ""
    if _REASONS.get(code) in (REFUSED, PORT) and not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        return f"check --base-url ({base_url}) and that the site is up, then run again"
    return "check this machine's network connection (and proxy settings, if any), then run again"
