"""For login tests: a password login over plain HTTP (to get an li_at), the run's report, and a real terminal."""

from __future__ import annotations

import http.client
import json
import os
import re
import select
import subprocess
import sys
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from tests.conftest import PASSWORD, Completed, Optout


def http_login(base_url: str, email: str, password: str = PASSWORD) -> str:
    """Sign in over plain HTTP, as another browser would, and return the li_at cookie the sandbox set."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    body = urlencode({"session_key": email, "session_password": password, "session_redirect": "/feed/"})
    connection.request("POST", "/checkpoint/lg/login-submit", body,
                       {"Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    connection.close()
    assert response.status == 303 and "li_at" in cookies, (response.status, response.headers)
    return cookies["li_at"].value


def account_report(result: Completed) -> dict:
    """The account's entry in report.json of the run that produced `result`."""
    folder = re.search(r"^results: (.+)$", result.stderr, re.M)
    assert folder, result.output
    (entry,) = json.loads((Path(folder.group(1).strip()) / "report.json").read_text())["accounts"]
    return entry


@dataclass
class TerminalSession:
    code: int
    output: str


def run_in_terminal(optout: Optout, *args: str, env: dict[str, str], answers: list[tuple[str, str]],
                    timeout: float = 120) -> TerminalSession:
    """Run `optout` on a pseudo-terminal (stdin, stdout and stderr); after each prompt (in order), type its answer."""
    command = [sys.executable, "-m", "bot", *args, "--base-url", optout.base_url]
    primary, secondary = os.openpty()
    full_env = optout.env(**env, NO_COLOR="1", TERM="dumb", COLUMNS="200")
    # A new session has no controlling terminal, so getpass reads the pty on stdin, never the tester's own tty.
    process = subprocess.Popen(command, stdin=secondary, stdout=secondary, stderr=secondary, env=full_env,
                               cwd=optout.home, start_new_session=True, close_fds=True)
    os.close(secondary)
    seen, answered_at, pending = b"", 0, list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # EIO: every holder of the terminal closed it
                break
            if not chunk:
                break
            seen += chunk
            if pending and re.search(re.escape(pending[0][0]).encode() + rb"[^\n]*: $", seen[answered_at:]):
                os.write(primary, pending.pop(0)[1].encode() + b"\n")
                answered_at = len(seen)
        else:
            process.kill()
            pytest.fail(f"optout did not finish in {timeout} s on the terminal:\n{seen.decode(errors='replace')}")
        code = process.wait(timeout=30)
    finally:
        os.close(primary)
        if process.poll() is None:
            process.kill()
            process.wait()
    assert not pending, f"never prompted for {pending[0][0]!r}:\n{seen.decode(errors='replace')}"
    return TerminalSession(code, seen.decode(errors="replace").replace("\r\n", "\n"))
