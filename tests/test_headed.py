"""`--headed` on a real X display (Xvfb): the visible window a person uses to finish a captcha, end to end."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import sandbox
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb (`make test` installs it)")]


@pytest.fixture
def display() -> Iterator[str]:
    """A private X display for one test. Xvfb picks a free number and writes it once it accepts clients."""
    chosen, told = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(told), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            pass_fds=(told,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(told)
    with os.fdopen(chosen) as answer:
        number = answer.readline().strip()
    assert number, "Xvfb did not start"
    try:
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(10)


def visible_browsers(display: str) -> list[int]:
    """Chromium browser processes (not their helpers) on `display` that were not started headless."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
            environ = (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        is_browser = b"chromium" in argv[0] and not any(arg.startswith(b"--type=") for arg in argv)
        if is_browser and f"DISPLAY={display}".encode() in environ and not any(b"--headless" in a for a in argv):
            found.append(int(proc.name))
    return found


def test_headed_run_opts_out_in_a_visible_window(optout, server, account, display):
    result = optout.run(account, PASSWORD, "--headed", env={"DISPLAY": display})
    state = server.state()[account]
    assert result.code == 0, result.output
    assert (state["genai_training"], state["partner_sharing"]) == (False, False)
    assert sorted(o["type"] for o in state["objections"]) == ["ai-training", "personalization-ml"]


def test_headed_captcha_waits_for_the_person_at_the_window_then_continues(optout, server, display):
    email = "cai@example.com"
    server.add_account(sandbox.AccountSpec(email=email, password=PASSWORD, challenge="captcha"))
    seen_windows: list[int] = []
    solved = threading.Event()

    def person() -> None:  # solves the captcha once the bot shows it in the window (the sandbox refuses before)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not solved.is_set():
            if server.solve_captcha(email):
                seen_windows.extend(visible_browsers(display))
                solved.set()
            solved.wait(0.2)

    helper = threading.Thread(target=person, daemon=True)
    helper.start()
    result = optout.run(email, PASSWORD, "--headed", "--only", "genai-setting", "--challenge-timeout", "90",
                        env={"DISPLAY": display})
    helper.join(5)
    state = server.state()[email]
    assert result.code == 0, result.output
    assert seen_windows, "no visible Chromium window on the test's display while the captcha was shown"
    assert state["genai_training"] is False
    assert (state["logins"], state["login_attempts"]) == (1, 1)
