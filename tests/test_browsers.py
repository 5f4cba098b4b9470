"""Telling a browser that is gone from one that refused an action (bot.browsers.is_gone, quit_quietly)."""

from __future__ import annotations

import pytest
import urllib3
from selenium.common.exceptions import (
    ElementNotInteractableException,
    InvalidSessionIdException,
    NoSuchWindowException,
    WebDriverException,
)

from bot.browsers import is_gone, quit_quietly


@pytest.mark.parametrize("error", [
    ConnectionRefusedError(111, "Connection refused"),
    urllib3.exceptions.MaxRetryError(None, "/session/1/url"),
    InvalidSessionIdException("invalid session id"),
    NoSuchWindowException("no such window: target window already closed"),
    WebDriverException("chrome not reachable"),
    WebDriverException("disconnected: not connected to DevTools"),
    WebDriverException("Unable to find session with ID: 1a2b"),
    WebDriverException("unknown error: session deleted because of page crash"),
    WebDriverException("Unable to execute request for an existing session: Connection error (DELETE "
                       "http://127.0.0.1:5561/session/1a2b)"),  # a grid hub whose node died
], ids=lambda error: f"{error.__class__.__name__}: {error}"[:60])
def test_what_a_dead_browser_raises_is_gone(error):
    assert is_gone(error)


@pytest.mark.parametrize("error", [
    WebDriverException("injected: the cookies could not be deleted"),
    ElementNotInteractableException("element not interactable"),
    WebDriverException("unknown error: net::ERR_NAME_NOT_RESOLVED"),
])
def test_a_refused_action_is_not_a_gone_browser(error):
    assert not is_gone(error)


class _Driver:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def quit(self) -> None:
        raise self.error


def test_quitting_a_gone_browser_is_quiet_and_any_other_failure_is_raised():
    quit_quietly(_Driver(InvalidSessionIdException("invalid session id")))  # type: ignore[arg-type]
    with pytest.raises(WebDriverException, match="something else"):
        quit_quietly(_Driver(WebDriverException("something else")))  # type: ignore[arg-type]
