"""Run many accounts: a pool of workers (each owns one browser at a time), polite pacing, resume from the journal."""

from __future__ import annotations

import logging
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from bot.accounts import Account
from bot.browsers import browser_source, keeps_profiles
from bot.errors import BadInput, Interrupted, NoBrowser
from bot.journal import Journal, new_run_id, now
from bot.private_files import make_private_dir
from bot.report import write_reports
from bot.results import AccountResult, AccountStatus, RunResult
from bot.runner import RunContext, run_account
from bot.settings import Settings
from flows.login import LoginOptions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 1
    min_interval: float = 0.0
    fail_fast: bool = False
    resume: bool = False


@dataclass
class Job:
    """One run of the bot over a list of accounts."""

    settings: Settings
    accounts: list[Account]
    command: str
    source: str
    read_only: bool = False
    login_options: LoginOptions = field(default_factory=LoginOptions)
    options: BatchOptions = field(default_factory=BatchOptions)
    on_start: Callable[[Account], None] = lambda account: None
    on_result: Callable[[AccountResult], None] = lambda result: None


class _Pacer:
    """Spaces account starts at least `interval` seconds apart (with jitter); a stop request ends the wait."""

    def __init__(self, interval: float, stop: threading.Event) -> None:
        self._interval = interval
        self._stop = stop
        self._lock = threading.Lock()
        self._next = 0.0

    def wait_turn(self) -> bool:
        with self._lock:
            start = max(time.monotonic(), self._next)
            self._next = start + self._interval * random.uniform(1.0, 1.5)
        delay = start - time.monotonic()
        return not self._stop.wait(delay) if delay > 0 else not self._stop.is_set()


def execute(job: Job) -> RunResult:
    """Run the job to the end (or to a stop), journal everything, write the reports, return what happened."""
    settings = job.settings
    journal, (run_id, folder, done) = _prepare(job)
    run = RunResult(run_id, job.command, settings.base_url, now(), str(folder), dry_run=settings.dry_run)
    todo = [account for account in job.accounts if account.email not in done]
    results: dict[str, AccountResult] = dict(done)
    context = None
    try:
        if todo:
            context = _context(job, journal, run_id, folder)
            results.update(_run_pool(job, context, todo))
    finally:
        if context is not None:
            context.browsers.close()
        run.accounts = [results.get(a.email) or AccountResult(a.email, a.label) for a in job.accounts]
        run.finished_at = now()
        journal.finish_run(run_id)
        write_reports(run)
        journal.close()
    return run


def _prepare(job: Job) -> tuple[Journal, tuple[str, Path, dict[str, AccountResult]]]:
    """Create the results and profiles folders and open the journal before any browser starts: a folder that
    cannot be written is bad input (exit 2) with nothing run, not a traceback halfway through."""
    settings = job.settings
    if keeps_profiles(settings):
        _usable_folder(settings.profiles_dir, "--profiles", "OPTOUT_PROFILES_DIR")
    _usable_folder(settings.out_dir, "--out", "OPTOUT_OUT")
    path = settings.out_dir / "journal.sqlite"
    try:
        journal = Journal(path)
    except (OSError, sqlite3.Error) as error:
        raise BadInput(f"--out: cannot open the journal {path} ({_reason(error)})",
                       hint="point --out (or OPTOUT_OUT) at a folder you can write to") from None
    try:
        return journal, _open_run(journal, job)
    except (OSError, sqlite3.Error) as error:
        journal.close()
        raise BadInput(f"--out: cannot start a run in {settings.out_dir} ({_reason(error)})",
                       hint="point --out (or OPTOUT_OUT) at a folder you can write to") from None
    except BaseException:
        journal.close()
        raise


def _usable_folder(folder: Path, flag: str, variable: str) -> None:
    if folder.exists() and not folder.is_dir():
        raise BadInput(f"{flag}: {folder} is a file, not a folder", hint=f"point {flag} (or {variable}) at a folder")
    try:
        make_private_dir(folder)
    except OSError as error:
        raise BadInput(f"{flag}: cannot use {folder} as a folder ({_reason(error)})",
                       hint=f"point {flag} (or {variable}) at a folder you can write to") from None


def _reason(error: OSError | sqlite3.Error) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error) or error.__class__.__name__


def _open_run(journal: Journal, job: Job) -> tuple[str, Path, dict[str, AccountResult]]:
    if job.options.resume:
        previous = journal.latest_run(job.command, job.source)
        if previous is None:
            raise BadInput(f"--resume: no earlier `{job.command}` of {job.source} in {job.settings.out_dir}",
                           hint="run it once without --resume")
        return previous["id"], Path(previous["folder"]), journal.finished_accounts(previous["id"])
    run_id = new_run_id()
    folder = make_private_dir(job.settings.out_dir / run_id)
    journal.start_run(run_id, job.command, job.source, job.settings.base_url, folder)
    return run_id, folder, {}


def _context(job: Job, journal: Journal, run_id: str, folder: Path) -> RunContext:
    """Find the browser once, before any account starts: no browser is exit 3 with nothing half done."""
    return RunContext(job.settings, journal, run_id, folder, browser_source(job.settings), command=job.command,
                      read_only=job.read_only, login_options=job.login_options)


def _run_pool(job: Job, context: RunContext, todo: list[Account]) -> dict[str, AccountResult]:
    stop = threading.Event()
    pacer = _Pacer(job.options.min_interval, stop)
    results: dict[str, AccountResult] = {}

    def work(account: Account) -> AccountResult | None:
        if not pacer.wait_turn():
            return None
        job.on_start(account)
        result = run_account(context, account)
        if job.options.fail_fast and result.status is not AccountStatus.PRIVATE:
            stop.set()  # here, not in the collecting loop: the next account may start before that loop runs
        return result

    pool = ThreadPoolExecutor(max_workers=max(1, job.options.workers), thread_name_prefix="optout-worker")
    futures: dict[Future[AccountResult | None], Account] = {pool.submit(work, a): a for a in todo}
    try:
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                result = future.result()
                if result is None:
                    continue
                results[result.email] = result
                job.on_result(result)
    except KeyboardInterrupt:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
        _collect(futures, results)
        raise Interrupted("stopped by Ctrl-C; what was done is journaled",
                          hint=f"continue with: optout {job.command} {job.source} --resume") from None
    except NoBrowser:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return results


def _collect(futures: dict[Future[AccountResult | None], Account], results: dict[str, AccountResult]) -> None:
    for future in futures:
        if future.done() and not future.cancelled() and future.exception() is None:
            result = future.result()
            if result is not None:
                results[result.email] = result
