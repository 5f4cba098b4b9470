"""A batch that hits an error no flow expects (a locked journal, a full disk) stops cleanly, and `--resume`
finishes it; evidence that cannot be written does not stop anything. Real Chromium against the sandbox; the
fault is injected into this test process (the batch runs in it, through the CLI), the resume runs as a user's."""

from __future__ import annotations

import errno
import json
import logging
import sqlite3
import threading

import pytest
from typer.testing import CliRunner

import bot.batch
import bot.evidence
from bot.cli import app
from bot.journal import INTENT, Journal
from tests.batch_helpers import duplicates, make_team

pytestmark = pytest.mark.browser


def in_process(optout, *args: str):
    """`optout ARGS` run in this process (so that a monkeypatched fault applies), as the CLI runs it."""
    env = {**optout.env(), "LINKEDIN_EMAIL": None, "LINKEDIN_PASSWORD": None}
    handlers = logging.getLogger().handlers[:]
    try:
        return CliRunner(env=env).invoke(app, [*args, "--base-url", optout.base_url], catch_exceptions=False)
    finally:
        logging.getLogger().handlers[:] = handlers  # the CLI's handler wrote to the runner's closed stderr


def journal_statuses(optout) -> dict[str, str]:
    with sqlite3.connect(optout.out / "journal.sqlite") as db:
        return dict(db.execute("SELECT email, status FROM accounts").fetchall())


def report(optout) -> dict:
    (path,) = optout.out.glob("*/report.json")
    return json.loads(path.read_text())


@pytest.fixture
def locked_journal_at_member02(monkeypatch):
    """sqlite's "database is locked" when member02's first change is about to be journaled; the reports are
    checked to be written once, with no worker left running."""
    record, write_reports = Journal.record, bot.batch.write_reports
    written: list[list[str]] = []

    def record_or_fail(self, run_id, email, flow, event, *args, **kwargs):
        if email == "member02@example.com" and event == INTENT:
            raise sqlite3.OperationalError("database is locked")
        return record(self, run_id, email, flow, event, *args, **kwargs)

    def write_and_note(run):
        written.append([t.name for t in threading.enumerate() if t.name.startswith("optout-worker")])
        return write_reports(run)

    monkeypatch.setattr(Journal, "record", record_or_fail)
    monkeypatch.setattr(bot.batch, "write_reports", write_and_note)
    return written


def test_a_worker_error_stops_the_pool_and_resume_finishes_with_nothing_done_twice(
        optout, server, tmp_path, locked_journal_at_member02, monkeypatch):
    accounts = make_team(server, tmp_path, 5)
    monkeypatch.chdir(optout.home)
    stopped = in_process(optout, "batch", str(accounts), "--workers", "2", "--min-interval", "0")
    after_stop = server.state()
    statuses = {a["email"]: a["status"] for a in report(optout)["accounts"]}

    assert stopped.exit_code == 1, stopped.output
    assert "error: the batch stopped: the journal could not be written (database is locked)" in stopped.stderr
    assert f"continue with: optout batch {accounts.resolve()} --resume" in stopped.stderr
    assert locked_journal_at_member02 == [[]]  # the reports: written once, when no worker ran any more
    assert statuses["member02@example.com"] == "failed"
    assert "pending" in statuses.values()  # the pool stopped taking accounts
    assert journal_statuses(optout) == {email: s for email, s in statuses.items() if s != "pending"}
    assert after_stop["member02@example.com"]["genai_training"] and not after_stop["member02@example.com"]["objections"]

    monkeypatch.undo()
    resumed = optout("batch", str(accounts), "--workers", "2", "--min-interval", "0", "--resume")
    state = server.state()
    assert resumed.code == 0, resumed.output
    assert all(not a["genai_training"] and len(a["objections"]) == 2 for a in state.values())
    assert duplicates(state) == []
    finished = [email for email, status in statuses.items() if status == "private"]
    assert all(state[email]["logins"] == after_stop[email]["logins"] for email in finished)  # not redone


def test_a_full_disk_while_saving_evidence_is_said_and_the_batch_goes_on(optout, server, tmp_path, monkeypatch):
    def disk_full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(bot.evidence, "write_private", disk_full)
    monkeypatch.chdir(optout.home)
    accounts = make_team(server, tmp_path, 2)
    result = in_process(optout, "batch", str(accounts), "--workers", "1", "--min-interval", "0",
                        "--only", "genai-setting")
    accounts_reported = report(optout)["accounts"]

    assert result.exit_code == 0, result.output
    assert all(not a["genai_training"] for a in server.state().values())
    assert all(a["status"] == "private" and not a["flows"][0]["evidence"] for a in accounts_reported)
    assert all("evidence could not be saved" in a["message"] and "No space left on device" in a["message"]
               for a in accounts_reported)
    assert result.stderr.count("the opt-outs go on without it") == 2  # once per account, not once per picture
