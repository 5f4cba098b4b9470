"""A site the browser cannot reach is named, with the reason, once: not "the browser refused an action", and no
minutes of retries. End to end with real Chromium (a closed port, a name that cannot resolve); the table of
browser error codes without a browser."""

from __future__ import annotations

import socket
import time

import pytest

from bot.network import unreachable
from tests.conftest import PASSWORD

ANA = {"LINKEDIN_EMAIL": "ana@example.com", "LINKEDIN_PASSWORD": PASSWORD}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.browser
def test_a_closed_port_is_reported_as_a_refused_connection_to_that_host_once(optout):
    url = f"http://127.0.0.1:{closed_port()}"
    started = time.monotonic()
    result = optout("run", "--base-url", url, env=ANA, base_url=False)
    assert result.code == 1, result.output
    assert time.monotonic() - started < 60
    assert result.stdout.count("could not be reached") == 1, result.stdout
    assert f"{url.removeprefix('http://')} could not be reached: the connection was refused" in result.stdout
    assert "(site-unreachable)" in result.stdout
    assert "browser refused an action" not in result.output


@pytest.mark.browser
def test_a_name_that_does_not_resolve_is_reported_as_such_once(optout):
    # Chromium reports it as an exception or, at times, only as its error page (then the login is tried once more)
    started = time.monotonic()
    result = optout("run", "--base-url", "https://nonexistent.invalid", env=ANA, base_url=False)
    assert result.code == 1, result.output
    assert time.monotonic() - started < 60
    assert result.stdout.count("could not be reached") == 1, result.stdout
    assert "nonexistent.invalid could not be reached: its name could not be resolved" in result.stdout
    assert "check this machine's network connection" in result.stdout
    assert "browser refused an action" not in result.output


@pytest.mark.browser
def test_probe_of_a_site_that_cannot_be_reached_says_so_without_a_traceback(optout):
    result = optout("probe", "--base-url", "https://nonexistent.invalid", env=ANA, base_url=False)
    assert result.code == 1, result.output
    assert "nonexistent.invalid could not be reached: its name could not be resolved" in result.stdout
    assert "Traceback" not in result.stderr


class _Refused(Exception):
    def __init__(self, msg: str) -> None:
        super().__init__(msg)
        self.msg = msg


@pytest.mark.parametrize(("text", "reason"), [
    ("unknown error: net::ERR_NAME_NOT_RESOLVED", "its name could not be resolved"),
    ("unknown error: net::ERR_CONNECTION_REFUSED", "the connection was refused"),
    ("unknown error: net::ERR_CONNECTION_TIMED_OUT", "the connection timed out"),
    ("unknown error: net::ERR_INTERNET_DISCONNECTED", "this machine has no network connection"),
    ("unknown error: net::ERR_CERT_DATE_INVALID", "its certificate was not accepted (ERR_CERT_DATE_INVALID)"),
    ("unknown error: net::ERR_PROXY_CONNECTION_FAILED", "the proxy could not be reached"),
])
def test_each_network_error_of_the_browser_is_named_in_words(text, reason):
    error = unreachable("https://www.linkedin.com", _Refused(text))
    assert error is not None
    assert error.message.startswith(f"www.linkedin.com could not be reached: {reason}")
    assert error.code == "site-unreachable"


def test_an_error_that_is_not_about_the_network_is_left_alone():
    assert unreachable("https://www.linkedin.com", _Refused("stale element reference: element is not attached")) is None
