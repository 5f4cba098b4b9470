"""The SQLite journal: the single source of truth for what was done, so a crash loses nothing and a form is
never sent twice. One file per results folder (`<out>/journal.sqlite`), shared by every run written there, so a
later run knows what an earlier one filed."""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.private_files import make_private_dir
from bot.results import AccountResult, AccountStatus, FlowResult, Outcome

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, command TEXT NOT NULL, source TEXT NOT NULL, base_url TEXT NOT NULL,
    folder TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT);
CREATE TABLE IF NOT EXISTS accounts (
    run_id TEXT NOT NULL REFERENCES runs(id), email TEXT NOT NULL, status TEXT NOT NULL,
    result TEXT, started_at TEXT, finished_at TEXT, PRIMARY KEY (run_id, email));
CREATE TABLE IF NOT EXISTS steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL REFERENCES runs(id), email TEXT NOT NULL,
    flow TEXT NOT NULL, event TEXT NOT NULL, case_id TEXT, detail TEXT NOT NULL DEFAULT '', at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS steps_by_account ON steps (email, flow, event);
"""

INTENT, APPLIED, VERIFIED, FAILED = "intent", "applied", "verified", "failed"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2)


class Journal:
    """Thread-safe: each thread gets its own connection; WAL lets readers and one writer work at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        make_private_dir(path.parent)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        self._local = threading.local()
        with self._connection() as db:
            db.executescript(SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.row_factory = sqlite3.Row
            self._local.db = db
        return db

    def _write(self, sql: str, args: tuple[Any, ...]) -> None:
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(sql, args)
            db.execute("COMMIT")
        except sqlite3.Error:
            db.execute("ROLLBACK")
            raise

    def start_run(self, run_id: str, command: str, source: str, base_url: str, folder: Path) -> None:
        self._write("INSERT INTO runs (id, command, source, base_url, folder, started_at) VALUES (?,?,?,?,?,?)",
                    (run_id, command, source, base_url, str(folder), now()))

    def finish_run(self, run_id: str) -> None:
        self._write("UPDATE runs SET finished_at = ? WHERE id = ?", (now(), run_id))

    def latest_run(self, command: str, source: str) -> sqlite3.Row | None:
        return self._connection().execute(
            "SELECT * FROM runs WHERE command = ? AND source = ? ORDER BY started_at DESC, rowid DESC LIMIT 1",
            (command, source)).fetchone()

    def record(self, run_id: str, email: str, flow: str, event: str, case_id: str | None = None,
               detail: str = "") -> None:
        self._write("INSERT INTO steps (run_id, email, flow, event, case_id, detail, at) VALUES (?,?,?,?,?,?,?)",
                    (run_id, email, flow, event, case_id, detail, now()))

    def save_account(self, run_id: str, result: AccountResult) -> None:
        self._write(
            "INSERT INTO accounts (run_id, email, status, result, started_at, finished_at) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT (run_id, email) DO UPDATE SET status = excluded.status, result = excluded.result,"
            " finished_at = excluded.finished_at",
            (run_id, result.email, result.status.value, json.dumps(asdict(result)), result.started_at,
             result.finished_at))

    def finished_accounts(self, run_id: str) -> dict[str, AccountResult]:
        """Accounts of a run that ended private: a resumed run skips them without starting a browser."""
        rows = self._connection().execute(
            "SELECT result FROM accounts WHERE run_id = ? AND status = ?", (run_id, AccountStatus.PRIVATE.value))
        return {result.email: result for result in (_account_from_json(row["result"]) for row in rows)}

    def known_submission(self, base_url: str, email: str, flow: str) -> str | None:
        """The case number of an objection this account already filed at this site, from any earlier run."""
        row = self._connection().execute(
            "SELECT steps.case_id FROM steps JOIN runs ON runs.id = steps.run_id WHERE runs.base_url = ?"
            " AND steps.email = ? AND steps.flow = ? AND steps.event = ? AND steps.case_id IS NOT NULL"
            " ORDER BY steps.id DESC LIMIT 1", (base_url, email, flow, VERIFIED)).fetchone()
        return row["case_id"] if row else None

    def has_open_intent(self, base_url: str, email: str, flow: str) -> bool:
        """An intent with no verification after it: a submission may have been sent before a crash."""
        row = self._connection().execute(
            "SELECT steps.event FROM steps JOIN runs ON runs.id = steps.run_id WHERE runs.base_url = ?"
            " AND steps.email = ? AND steps.flow = ? AND steps.event IN (?, ?) ORDER BY steps.id DESC LIMIT 1",
            (base_url, email, flow, INTENT, VERIFIED)).fetchone()
        return row is not None and row["event"] == INTENT

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None


class JournalBusy(Exception):
    """Another process holds the results folder's lock; `pid` is its process id when it could be read."""

    def __init__(self, path: Path, pid: int | None) -> None:
        super().__init__(f"{path} is held by process {pid}")
        self.path = path
        self.pid = pid


class JournalLock:
    """One optout process at a time per results folder: an exclusive flock on `<out>/journal.lock`, which holds
    the holder's pid for the next one to name. The kernel releases it when the process ends, however it ends
    (SIGKILL included), and the descriptor is not inherited by the browsers the process starts."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "journal.lock"
        self._fd: int | None = None

    def acquire(self, waiting: Callable[[int | None], None] | None = None) -> JournalLock:
        """Take the lock; when another process holds it, raise JournalBusy, or with `waiting`, call it with the
        holder's pid and wait until the holder ends (Ctrl-C stops the wait)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _pid_in(fd)
            if waiting is None:
                os.close(fd)
                raise JournalBusy(self.path, holder) from None
            waiting(holder)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing the last descriptor releases the flock
            self._fd = None


def _pid_in(fd: int) -> int | None:
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


def _account_from_json(text: str) -> AccountResult:
    data = json.loads(text)
    flows = [FlowResult(**{**flow, "outcome": Outcome(flow["outcome"])}) for flow in data.pop("flows")]
    return AccountResult(**{**data, "status": AccountStatus(data["status"]), "flows": flows})
