"""A live progress bar on stderr for a batch: done, failed, remaining, ETA. stdout stays clean for --json."""

from __future__ import annotations

import threading

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from bot.accounts import Account
from bot.results import AccountResult, AccountStatus


class BatchProgress:
    def __init__(self, console: Console, total: int) -> None:
        self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("private {task.fields[private]} · failed {task.fields[failed]} · "
                                             "running {task.fields[running]}"),
                                  TimeRemainingColumn(), console=console, transient=True,
                                  disable=not console.is_terminal)
        self._task = self._progress.add_task("accounts", total=total, private=0, failed=0, running=0)
        self._lock = threading.Lock()
        self._counts = {"private": 0, "failed": 0, "running": 0}

    def __enter__(self) -> BatchProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def started(self, account: Account) -> None:
        with self._lock:
            self._counts["running"] += 1
            self._progress.update(self._task, **self._counts)

    def finished(self, result: AccountResult) -> None:
        with self._lock:
            self._counts["running"] = max(0, self._counts["running"] - 1)
            key = "private" if result.status is AccountStatus.PRIVATE else "failed"
            self._counts[key] += 1
            self._progress.update(self._task, advance=1, **self._counts)
