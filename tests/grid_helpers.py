"""A real Selenium Grid on 127.0.0.1 for tests (and `make bench`): the 4.48.0 server jar run with Java.

`make grid-deps` puts the jar in .cache/grid/ (the fixtures run it themselves when the jar is missing); a test
that needs a grid is skipped, with the reason, only when Java or the jar cannot be had at all. Every process
listens on a free loopback port (the hub's event bus too) and starts in its own process group, so that `kill()`
takes a node down the way a lost host does: its chromedriver and browsers with it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
VERSION = "4.48.0"
JAR = REPO / ".cache" / "grid" / f"selenium-server-{VERSION}.jar"
# A small heap and the quick JIT tier: the grid only relays WebDriver commands, and the machine is small.
JAVA_OPTIONS = ("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto")
START_TIMEOUT_S = 60.0
POLL_S = 0.1


class GridUnavailable(RuntimeError):
    """Java or the Grid jar cannot be had on this machine."""


def grid_jar() -> Path:
    """The jar, fetched with `make grid-deps` when it is missing; GridUnavailable says why it cannot be."""
    if not JAR.is_file() or shutil.which("java") is None:
        made = subprocess.run(["make", "--no-print-directory", "-s", "grid-deps"], cwd=REPO, capture_output=True,
                              text=True, check=False, stdin=subprocess.DEVNULL)
        if made.returncode != 0 or not JAR.is_file() or shutil.which("java") is None:
            said = (made.stdout + made.stderr).strip().splitlines()
            raise GridUnavailable(f"`make grid-deps` could not install Java or the Grid jar: "
                                  f"{said[-1] if said else 'no output'}")
    return JAR


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(url: str, timeout: float = 5.0) -> Any:
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=timeout) as answer:
        return json.load(answer)


@dataclass
class GridProcess:
    """One `java -jar selenium-server.jar <role>` process, its port and its log file."""

    role: str
    port: int
    log: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def status(self) -> dict[str, Any] | None:
        """/status's `value`, or None while the process does not answer."""
        try:
            return get_json(f"{self.url}/status", timeout=2)["value"]
        except (OSError, ValueError, KeyError):
            return None

    def wait_for(self, condition: Callable[[dict[str, Any]], bool], what: str,
                 timeout: float = START_TIMEOUT_S) -> dict[str, Any]:
        """Poll /status until `condition` holds; between polls wait on the process, so one that died fails now."""
        deadline = time.monotonic() + timeout
        while True:
            status = self.status()
            if status is not None and condition(status):
                return status
            try:
                code = self.process.wait(timeout=POLL_S)
            except subprocess.TimeoutExpired:
                if time.monotonic() > deadline:
                    raise AssertionError(f"the grid {self.role} at {self.url} never had {what} "
                                         f"within {timeout:g} s; its log:\n{self.log_tail()}") from None
                continue
            raise AssertionError(f"the grid {self.role} exited ({code}) before {what}; its log:\n{self.log_tail()}")

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def log_tail(self, lines: int = 15) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def kill(self) -> None:
        """SIGKILL the whole process group: the server, its chromedrivers and their browsers, as a lost host."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        """SIGTERM the group and reap the server; a group that ignores it is killed."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=20)
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # browsers a node left behind
        self.process.wait()


@dataclass
class Hub(GridProcess):
    publish_port: int = 0
    subscribe_port: int = 0
    nodes: list[GridProcess] = field(default_factory=list)

    @property
    def bus(self) -> list[str]:
        return ["--publish-events", f"tcp://127.0.0.1:{self.publish_port}",
                "--subscribe-events", f"tcp://127.0.0.1:{self.subscribe_port}"]


def _spawn(role: str, folder: Path, port: int, *args: str) -> subprocess.Popen[bytes]:
    command = ["java", *JAVA_OPTIONS, "-jar", str(grid_jar()), role, "--host", "127.0.0.1", "--port", str(port),
               *args]
    with open(folder / f"{role}-{port}.log", "wb") as log:
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                cwd=folder, start_new_session=True)


NODE_OPTIONS = ("--selenium-manager", "false", "--session-timeout", "120")
HUB_OPTIONS = ("--session-request-timeout-period", "1", "--session-retry-interval", "100")


def start_standalone(folder: Path, max_sessions: int = 2, request_timeout: float = 120) -> GridProcess:
    """The whole grid in one process, serving Debian's chromedriver (on PATH) as browserName chrome."""
    port = free_port()
    process = _spawn("standalone", folder, port, "--max-sessions", str(max_sessions), *NODE_OPTIONS, *HUB_OPTIONS,
                     "--session-request-timeout", f"{request_timeout:g}")
    grid = GridProcess("standalone", port, folder / f"standalone-{port}.log", process)
    grid.wait_for(lambda status: status.get("ready") is True, "ready: true")
    return grid


def start_hub(folder: Path, request_timeout: float = 120) -> Hub:
    port, publish, subscribe = free_port(), free_port(), free_port()
    process = _spawn("hub", folder, port, "--publish-events", f"tcp://127.0.0.1:{publish}",
                     "--subscribe-events", f"tcp://127.0.0.1:{subscribe}", *HUB_OPTIONS,
                     "--session-request-timeout", f"{request_timeout:g}")
    hub = Hub("hub", port, folder / f"hub-{port}.log", process, publish, subscribe)
    hub.wait_for(lambda status: "nodes" in status, "answered on /status")
    return hub


def start_nodes(hub: Hub, folder: Path, count: int = 1, max_sessions: int = 1) -> list[GridProcess]:
    """`count` nodes of `max_sessions` slots, started side by side; waits until the hub lists them all UP."""
    started = []
    for _ in range(count):
        port = free_port()
        process = _spawn("node", folder, port, "--hub", hub.url, *hub.bus, "--max-sessions", str(max_sessions),
                         *NODE_OPTIONS)
        started.append(GridProcess("node", port, folder / f"node-{port}.log", process))
    hub.nodes += started
    urls = {node.url for node in started}
    hub.wait_for(lambda status: urls <= set(up_nodes(status)) and status.get("ready") is True,
                 f"nodes {', '.join(sorted(urls))} UP")
    return started


def up_nodes(status: dict[str, Any]) -> list[str]:
    return [node["uri"] for node in status.get("nodes", []) if node.get("availability") == "UP"]


def sessions_by_node(status: dict[str, Any]) -> dict[str, list[str]]:
    """The hub's /status: the session ids each node runs now."""
    return {node["uri"]: [slot["session"]["sessionId"] for slot in node.get("slots", []) if slot.get("session")]
            for node in status.get("nodes", [])}


@contextmanager
def standalone(folder: Path, **options: Any) -> Iterator[GridProcess]:
    folder.mkdir(parents=True, exist_ok=True)
    grid = start_standalone(folder, **options)
    try:
        yield grid
    finally:
        grid.stop()


@contextmanager
def hub_and_nodes(folder: Path, nodes: int, request_timeout: float = 120,
                  max_sessions: int = 1) -> Iterator[Hub]:
    """A hub and `nodes` nodes of `max_sessions` slots each, all UP; every process stopped after the block."""
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        hub = start_hub(folder, request_timeout)
        stack.callback(hub.stop)
        stack.callback(lambda: [node.stop() for node in hub.nodes])  # nodes first (callbacks run in reverse)
        start_nodes(hub, folder, nodes, max_sessions)
        yield hub


def available() -> None:
    """Skip the test, saying why, when Java or the Grid jar cannot be had."""
    try:
        grid_jar()
    except GridUnavailable as reason:
        pytest.skip(str(reason))


@pytest.fixture(scope="module")
def grid(tmp_path_factory) -> Iterator[GridProcess]:
    """A standalone grid (2 slots) shared by a test module."""
    available()
    with standalone(tmp_path_factory.mktemp("grid")) as running:
        yield running


@pytest.fixture
def two_nodes(tmp_path) -> Iterator[Hub]:
    """A hub and two nodes of one slot each, for one test."""
    available()
    with hub_and_nodes(tmp_path / "grid", nodes=2) as hub:
        yield hub
