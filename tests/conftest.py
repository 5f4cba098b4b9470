"""Fixtures: a real sandbox on 127.0.0.1 per test, and the real `optout` command run as a user would run it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import sandbox

PASSWORD = "Secr3t-pass-Zq81"


@pytest.fixture
def server():
    with sandbox.serve() as running:
        yield running


@pytest.fixture
def account(server):
    """A member with both settings on and nothing filed."""
    server.add_account(sandbox.AccountSpec(email="ana@example.com", password=PASSWORD, name="Ana Example"))
    return "ana@example.com"


@dataclass
class Completed:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@dataclass
class Optout:
    """Runs `python -m bot ...` in a subprocess with a clean environment, results under tmp_path."""

    base_url: str
    home: Path

    @property
    def out(self) -> Path:
        return self.home / "runs"

    def env(self, **extra: str) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "SYSTEMROOT")}
        return {**keep, "HOME": str(self.home), "OPTOUT_PROFILES_DIR": str(self.home / "profiles"),
                "OPTOUT_OUT": str(self.out), "OPTOUT_TIMEOUT": "8", **extra}

    def __call__(self, *args: str, env: dict[str, str] | None = None, timeout: float = 300,
                 cwd: Path | None = None, base_url: bool = True) -> Completed:
        command = [sys.executable, "-m", "bot", *args]
        if base_url and args and args[0] in ("run", "batch", "check"):
            command += ["--base-url", self.base_url]
        completed = subprocess.run(command, env=self.env(**(env or {})), capture_output=True, text=True,
                                   timeout=timeout, stdin=subprocess.DEVNULL, cwd=cwd or self.home, check=False)
        return Completed(completed.returncode, completed.stdout, completed.stderr)

    def run(self, email: str, password: str = PASSWORD, *args: str, **kwargs) -> Completed:
        return self("run", *args, env={"LINKEDIN_EMAIL": email, "LINKEDIN_PASSWORD": password,
                                       **kwargs.pop("env", {})}, **kwargs)


@pytest.fixture
def optout(server, tmp_path) -> Optout:
    home = tmp_path / "home"
    home.mkdir()
    return Optout(server.url, home)
