"""Run many accounts: a pool of workers (each owns one browser at a time), polite pacing, resume from the journal."""

from __future__ import annotations

import errno
import logging
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bot.accounts import Account
from bot.browsers import browser_source, keeps_profiles
from bot.errors import BadInput, BatchStopped, Interrupted
from bot.hints import continue_job
from bot.journal import Journal, JournalBusy, JournalLock, new_run_id, now
from bot.private_files import make_private_dir, reason, usable_folder
from bot.report import write_reports
from bot.results import AccountResult, AccountStatus, RunResult
from bot.runner import RunContext, run_account
from bot.settings import Settings
from flows.login import LoginOptions

log = logging.getLogger(__name__)

UNEXPECTED = (OSError, sqlite3.Error)  # the machine's trouble, not LinkedIn's: a full disk, a locked journal


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
    """Run the job to the end (or to a stop), journal everything, write the reports once the pool has stopped,
    return what happened."""
    settings = job.settings
    lock, journal, (run_id, folder, done) = _prepare(job)
    run = RunResult(run_id, job.command, settings.base_url, now(), str(folder), dry_run=settings.dry_run)
    todo = [account for account in job.accounts if account.email not in done]
    results: dict[str, AccountResult] = dict(done)
    context = None
    try:
        if todo:
            context = _context(job, journal, run_id, folder)
            _run_pool(job, context, todo, results)
    finally:
        if context is not None:
            context.browsers.close()
        run.accounts = [results.get(a.email) or AccountResult(a.email, a.label) for a in job.accounts]
        run.finished_at = now()
        unwritten = _close(run, journal, lock, job)
    if unwritten is not None:
        raise unwritten
    return run


def _close(run: RunResult, journal: Journal, lock: JournalLock, job: Job) -> BatchStopped | None:
    """Finish the run in the journal, write the reports, release the folder. A disk that is full by now fails
    with a message, not a traceback (returned, so that an error already on its way is not hidden)."""
    try:
        journal.finish_run(run.run_id)
    except UNEXPECTED as error:
        log.error("could not mark the run finished in the journal (%s); --resume still works", reason(error))
    try:
        write_reports(run)
    except OSError as error:
        log.error("could not write the reports in %s (%s)", run.folder, reason(error))
        return BatchStopped(f"could not write the reports in {run.folder} ({reason(error)}); what was done is "
                            "journaled", hint=f"{_advice(error, job.settings.out_dir)}, then continue with: "
                            f"{continue_job(job.settings, job.command, job.source)}")
    finally:
        journal.close()
        lock.release()
    return None


def _prepare(job: Job) -> tuple[JournalLock, Journal, tuple[str, Path, dict[str, AccountResult]]]:
    """Create the results and profiles folders, take the results folder's lock and open the journal before any
    browser starts: a folder that cannot be written, or that another optout is using, is bad input (exit 2)
    with nothing run, not a traceback (or a locked database) halfway through."""
    settings = job.settings
    if keeps_profiles(settings):
        usable_folder(settings.profiles_dir, "--profiles", "OPTOUT_PROFILES_DIR")
    usable_folder(settings.out_dir, "--out", "OPTOUT_OUT")
    with ExitStack() as undo:
        lock = _lock(settings.out_dir, wait=job.options.resume)
        undo.callback(lock.release)
        journal = _open_journal(settings.out_dir)
        undo.callback(journal.close)
        try:
            started = _open_run(journal, job)
        except (OSError, sqlite3.Error) as error:
            raise BadInput(f"--out: cannot start a run in {settings.out_dir} ({reason(error)})",
                           hint="point --out (or OPTOUT_OUT) at a folder you can write to") from None
        undo.pop_all()
    return lock, journal, started


def _lock(out: Path, wait: bool) -> JournalLock:
    """The results folder's lock. A `--resume` waits for a run still using the folder (e.g. one whose wrapper
    was killed but which goes on) and then continues where it ended; any other run is refused."""
    def waiting(pid: int | None) -> None:
        log.warning("%s is in use by another optout process (%s); waiting for it to end, then resuming "
                    "(Ctrl-C stops waiting)", out, _holder(pid))

    try:
        return JournalLock(out).acquire(waiting if wait else None)
    except JournalBusy as busy:
        raise BadInput(f"--out: {out} is in use by another optout process ({_holder(busy.pid)}); two runs on one "
                       "journal would get in each other's way",
                       hint="wait for that run to finish (or stop it), or give this one another --out") from None
    except OSError as error:
        raise BadInput(f"--out: cannot lock {out} ({reason(error)})",
                       hint="point --out (or OPTOUT_OUT) at a folder you can write to") from None


def _holder(pid: int | None) -> str:
    return f"pid {pid}" if pid is not None else "its pid not yet written"


def _open_journal(out: Path) -> Journal:
    path = out / "journal.sqlite"
    try:
        return Journal(path)
    except (OSError, sqlite3.Error) as error:
        raise BadInput(f"--out: cannot open the journal {path} ({reason(error)})",
                       hint="point --out (or OPTOUT_OUT) at a folder you can write to") from None


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


def _run_pool(job: Job, context: RunContext, todo: list[Account], results: dict[str, AccountResult]) -> None:
    """The accounts through a pool of workers, into `results`. Whatever ends it (the last account, Ctrl-C, no
    browser, an error outside any flow), the pool stops taking accounts and the accounts under way finish before
    this returns or raises: nothing is reported while a worker still runs."""
    stop = threading.Event()
    pacer = _Pacer(job.options.min_interval, stop)

    def work(account: Account) -> AccountResult | None:
        if not pacer.wait_turn():
            return None
        job.on_start(account)
        try:
            result = run_account(context, account)
        except UNEXPECTED:
            stop.set()  # at once: the next account must not start before the collecting loop sees this
            raise
        if job.options.fail_fast and result.status is not AccountStatus.PRIVATE:
            stop.set()  # here, not in the collecting loop: the next account may start before that loop runs
        return result

    pool = ThreadPoolExecutor(max_workers=max(1, job.options.workers), thread_name_prefix="optout-worker")
    futures: dict[Future[AccountResult | None], Account] = {pool.submit(work, a): a for a in todo}
    stopped_by: BaseException | None = None
    try:
        _gather(futures, results, job.on_result)
    except KeyboardInterrupt:
        stopped_by = Interrupted("stopped by Ctrl-C; what was done is journaled",
                                 hint=f"continue with: {continue_job(job.settings, job.command, job.source)}")
    except UNEXPECTED as error:  # a worker's: a full disk, a locked journal; nothing a flow could handle
        stopped_by = error
    finally:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
        _collect(job, context, futures, results)
    if isinstance(stopped_by, Interrupted):
        raise stopped_by from None
    if stopped_by is not None:
        raise _stopped(job, stopped_by, futures, results) from stopped_by


def _gather(futures: dict[Future[AccountResult | None], Account], results: dict[str, AccountResult],
            on_result: Callable[[AccountResult], None]) -> None:
    pending = set(futures)
    while pending:
        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            result = future.result()
            if result is not None:
                results[result.email] = result
                on_result(result)


def _collect(job: Job, context: RunContext, futures: dict[Future[AccountResult | None], Account],
             results: dict[str, AccountResult]) -> None:
    """Every account that ended, after the pool stopped; one whose worker failed outside any flow is marked
    interrupted (in the journal too, where the journal can still be written)."""
    for future, account in futures.items():
        if not future.done() or future.cancelled():
            continue
        error = future.exception()
        if error is None:
            result = future.result()
            if result is not None:
                results.setdefault(result.email, result)
        elif isinstance(error, UNEXPECTED):
            results[account.email] = _interrupted(job, context, account, error)


def _interrupted(job: Job, context: RunContext, account: Account, error: BaseException) -> AccountResult:
    result = AccountResult(account.email, account.label, status=AccountStatus.FAILED, error_code="interrupted",
                           message=f"stopped by an error outside LinkedIn's pages: {_what(error)}",
                           hint=f"{_advice(error, job.settings.out_dir)}, then continue with: "
                           f"{continue_job(job.settings, job.command, job.source)}", finished_at=now())
    log.error("%s: %s", account.email, result.message)
    try:
        context.journal.save_account(context.run_id, result)
    except UNEXPECTED as unsaved:
        log.warning("%s: could not journal the interruption either (%s)", account.email, reason(unsaved))
    return result


def _stopped(job: Job, error: BaseException, futures: dict[Future[AccountResult | None], Account],
             results: dict[str, AccountResult]) -> BatchStopped:
    accounts = list(futures.values())
    ended = [results[a.email] for a in accounts if a.email in results]
    interrupted = sum(r.error_code == "interrupted" for r in ended)
    counts = (f"{len(ended) - interrupted} account(s) finished, {interrupted} interrupted, "
              f"{len(accounts) - len(ended)} not started")
    return BatchStopped(f"the {job.command} stopped: {_what(error)}; {counts}; what was done is journaled",
                        hint=f"{_advice(error, job.settings.out_dir)}, then continue with: "
                        f"{continue_job(job.settings, job.command, job.source)}")


def _what(error: BaseException) -> str:
    if isinstance(error, sqlite3.Error):
        return f"the journal could not be written ({reason(error)})"
    where = f" ({error.filename})" if isinstance(error, OSError) and error.filename else ""
    return f"a file could not be written: {reason(error)}{where}"


def _advice(error: BaseException, out: Path) -> str:
    text = str(error).lower()
    if (isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)) or "full" in text:
        return f"free some disk space where {out} is"
    if isinstance(error, sqlite3.Error) and ("locked" in text or "busy" in text):
        return f"close any other program that has {out / 'journal.sqlite'} open"
    return f"check that {out} can be written to"
