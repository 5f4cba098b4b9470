"""Helpers for batch tests: a team of sandbox accounts and its CSV, and waiting on server-side state."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sandbox


def make_team(server, folder: Path, size: int, prefix: str = "member") -> Path:
    """Create `size` sandbox accounts and the 0600 CSV that lists them."""
    lines = ["email,password,label"]
    for number in range(1, size + 1):
        email, password = f"{prefix}{number:02d}@example.com", f"pw-{number:02d}-Zq9!"
        server.add_account(sandbox.AccountSpec(email=email, password=password))
        lines.append(f"{email},{password},team {number % 3}")
    path = folder / "accounts.csv"
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


def wait_until(condition: Callable[[], bool], timeout: float = 120.0, what: str = "condition") -> None:
    """Poll a server-side condition (tests only); fails the test with `what` when it never holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def start_batch(optout, csv: Path, *args: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "bot", "batch", str(csv), "--base-url", optout.base_url,
               "--min-interval", "0", *args]
    return subprocess.Popen(command, env=optout.env(), cwd=optout.home, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def objections_filed(state: dict) -> int:
    return sum(len(account["objections"]) for account in state.values())


def duplicates(state: dict) -> list[str]:
    return [email for email, account in state.items()
            if len({o["type"] for o in account["objections"]}) != len(account["objections"])]
