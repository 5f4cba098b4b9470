"""A remote WebDriver endpoint on this machine: chromedriver run as a server on a free loopback port.

It answers the same W3C protocol a Selenium Grid hub does, so `Settings(remote_url=...)` drives it exactly as it
would drive a grid, without the grid's own overhead (tests/test_remote.py uses it the same way).
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bench.common import BenchError

POLL_S = 0.05
START_TIMEOUT_S = 20.0
STOP_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Endpoint:
    """Where the endpoint answers, its process (whose browsers the PSS sampler groups), and the Chromium it is
    asked to start: the same one the local runs use, so only the way the browser is reached differs."""

    url: str
    pid: int
    browser_path: str | None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ready(url: str) -> bool:
    """chromedriver's /status says it takes new sessions (a refused connection is simply not ready yet)."""
    try:
        with urllib.request.urlopen(f"{url}/status", timeout=2) as answer:
            return json.load(answer)["value"]["ready"] is True
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _wait_ready(server: subprocess.Popen[bytes], url: str) -> None:
    """Poll /status until it is ready; between polls, wait on the process, so a chromedriver that died (a port
    taken meanwhile) stops the benchmark at once instead of at the deadline."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _ready(url):
        try:
            code = server.wait(timeout=POLL_S)
        except subprocess.TimeoutExpired:
            if time.monotonic() > deadline:
                raise BenchError(f"chromedriver did not answer on {url}/status within {START_TIMEOUT_S:g} s") from None
            continue
        raise BenchError(f"chromedriver exited (code {code}) before it answered on {url}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM and reap it; only one that ignores that is killed."""
    server.terminate()
    try:
        server.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextmanager
def chromedriver_server(driver_path: str, browser_path: str | None) -> Iterator[Endpoint]:
    """`with chromedriver_server(...) as endpoint:` a ready endpoint for the block, stopped after it."""
    port = _free_port()
    server = subprocess.Popen([driver_path, f"--port={port}"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_ready(server, url)
        yield Endpoint(url, server.pid, browser_path)
    finally:
        _stop(server)
