"""Crashes: a browser killed mid-account is replaced; a batch killed at random points ends complete on resume."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.batch_helpers import duplicates, make_team, objections_filed, start_batch, wait_until
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _browser_pids(profiles: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if f"--user-data-dir={profiles}" in command and "--type=" not in command:
            found.append(int(entry.name))
    return found


def test_browser_killed_mid_account_is_replaced_and_the_account_finished(optout, server, account):
    server.add_fault({"kind": "latency", "ms": 3000, "path": "/help/linkedin/cases", "count": 1})
    command = [sys.executable, "-m", "bot", "run", "--base-url", optout.base_url]
    env = optout.env(LINKEDIN_EMAIL=account, LINKEDIN_PASSWORD=PASSWORD)
    bot = subprocess.Popen(command, env=env, cwd=optout.home, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    wait_until(lambda: not server.state()[account]["partner_sharing"], what="the settings to be switched off")
    for pid in _browser_pids(optout.home / "profiles"):
        os.kill(pid, signal.SIGKILL)
    stdout, stderr = bot.communicate(timeout=300)
    state = server.state()[account]
    assert bot.returncode == 0, stdout + stderr
    assert sorted(o["type"] for o in state["objections"]) == ["ai-training", "personalization-ml"]
    assert state["setting_saves"] == 2
    assert "the browser died" in stderr


def test_batch_killed_at_ten_seeded_random_points_ends_complete_without_duplicates(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 8)
    chance = random.Random(20261126)
    for _ in range(10):
        if all(len(a["objections"]) == 2 for a in server.state().values()):
            break
        target = objections_filed(server.state()) + chance.randint(1, 3)
        batch = start_batch(optout, accounts, "--workers", "2", *(["--resume"] if optout.out.exists() else []))
        try:
            wait_until(lambda t=target, b=batch: objections_filed(server.state()) >= t or b.poll() is not None,
                       what="the next kill point")
        finally:
            batch.send_signal(signal.SIGKILL)
            batch.wait()
    final = optout("batch", str(accounts), "--workers", "2", "--min-interval", "0", "--resume", timeout=600)
    state = server.state()
    assert final.code == 0, final.output
    assert all(not a["genai_training"] and len(a["objections"]) == 2 for a in state.values())
    assert duplicates(state) == []
    _journal_is_consistent(optout.out / "journal.sqlite", state)


def _journal_is_consistent(path: Path, state: dict) -> None:
    """Every verified objection in the journal is a case the server has, for that account."""
    import sqlite3

    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT email, case_id FROM steps WHERE event = 'verified' AND case_id IS NOT NULL")
        for email, case_id in rows:
            assert case_id in {o["case_id"] for o in state[email]["objections"]}
