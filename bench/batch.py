"""Batch throughput (accounts per minute) by worker count, peak PSS per worker, and resuming a finished run.

Each worker count gets fresh sandbox members, its own results folder and its own profiles folder, and runs the
real `bot.batch.execute` (journal, reports and all) with min_interval 0; `Browsers` says where its browsers come
from (kept profiles by default; `bench.remote` and `bench.reuse` run the other ways). The resume benchmark re-runs
a finished batch with `resume=True` and a browser path that does not exist: had any account needed a browser, it
would stop with NoBrowser instead of timing anything.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import sandbox
from bench.common import BenchError, Marks, new_member, require_private, say, summary
from bench.endpoint import Endpoint
from bench.sampler import TICKS_PER_S, BrowserSampler
from bot.accounts import Account
from bot.batch import BatchOptions, Job, execute
from bot.private_files import make_private_dir
from bot.report import write_reports
from bot.results import AccountStatus, RunResult
from bot.settings import Settings
from flows import plan

NO_BROWSER = "/nonexistent/bench-no-browser"


@dataclass(frozen=True)
class Browsers:
    """Where a batch's browsers come from: kept local profiles (the bot's default), fresh local sessions with or
    without reuse, or a remote endpoint (always fresh sessions). `tag` keeps each variant's members apart."""

    tag: str = "w"
    keep_sessions: bool = True
    reuse_browser: bool = True
    endpoint: Endpoint | None = None
    only: str = ""  # a flow or group, as `--only` takes it (bench.all_privacy); "" is the default plan

    def settings(self, server: sandbox.Sandbox, root: Path) -> Settings:
        return Settings(base_url=server.url, out_dir=root / "out", profiles_dir=root / "profiles",
                        keep_sessions=self.keep_sessions, reuse_browser=self.reuse_browser,
                        remote_url=self.endpoint.url if self.endpoint else None,
                        browser_path=self.endpoint.browser_path if self.endpoint else None,
                        flows=plan.expand([self.only] if self.only else None))

    def describe(self) -> str:
        only = f", --only {self.only}" if self.only else ""
        if self.keep_sessions and not self.endpoint:
            return "local, kept profiles" + only
        where = f"remote endpoint {self.endpoint.url}" if self.endpoint else "local"
        return f"{where}, fresh sessions, browser reuse {'on' if self.reuse_browser else 'off'}{only}"


KEPT_PROFILES = Browsers()


@dataclass
class FinishedBatch:
    """A batch that ran to the end: what a resume needs to find it again."""

    settings: Settings
    accounts: list[Account]
    source: str
    workers: int
    complete: bool


def _cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from the first line of /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


@dataclass(frozen=True)
class _Usage:
    """CPU counters at one moment; a batch's share is the difference of two."""

    busy: int
    total: int
    own_s: float
    load: float

    @classmethod
    def now(cls) -> _Usage:
        times = os.times()
        return cls(*_cpu_ticks(), times.user + times.system, os.getloadavg()[0])

    def since(self, before: _Usage, size: int, browsers_s: dict[str, float]) -> dict[str, Any]:
        """Per account: the machine's busy time (everyone's), and what of it this process and its browsers used."""
        machine_s = (self.busy - before.busy) / TICKS_PER_S / size
        cpu = {"bench_process": (self.own_s - before.own_s) / size,
               **{kind: seconds / size for kind, seconds in browsers_s.items()}}
        return {"machine_cpu_busy_pct": 100 * (self.busy - before.busy) / max(1, self.total - before.total),
                "machine_cpu_s_per_account": machine_s, "cpu_s_per_account": cpu,
                "loadavg_1min_before": before.load, "loadavg_1min_after": self.load,
                "cpu_bound_ceiling_per_min": (os.cpu_count() or 1) * 60 / machine_s if machine_s else None}


def _not_private(run: RunResult, allowed: int = 0) -> list[str]:
    """The accounts the run did not bring to private; more than `allowed` of them stops the benchmark."""
    bad = [f"{a.email}: {a.status} {a.message}" for a in run.accounts if a.status is not AccountStatus.PRIVATE]
    if len(bad) > allowed:
        raise BenchError(f"{len(bad)} account(s) did not end private: " + "; ".join(bad[:3]))
    return bad


def throughput(server: sandbox.Sandbox, root: Path, workers: int, size: int, browsers: Browsers = KEPT_PROFILES
               ) -> tuple[dict[str, Any], FinishedBatch]:
    """One batch of `size` fresh members with `workers` browsers; its wall time, memory and CPU."""
    accounts = [new_member(server, f"{browsers.tag}{workers}.m{n:03d}@example.com")[0] for n in range(size)]
    settings = browsers.settings(server, root)
    source = f"bench:{size}-accounts-{workers}-workers"
    job = Job(settings, accounts, "batch", source, options=BatchOptions(workers=workers, min_interval=0.0))
    endpoint = browsers.endpoint
    before = _Usage.now()
    with Marks() as marks, BrowserSampler(endpoint=endpoint.pid if endpoint else None) as sampler:
        begin = time.perf_counter()
        run = execute(job)
        wall = time.perf_counter() - begin
    usage = _Usage.now().since(before, size, sampler.cpu.seconds_by_kind())
    failed = _not_private(run, allowed=size // 10)
    require_private(server, [a.email for a in run.accounts if a.status is AccountStatus.PRIVATE])
    begin = time.perf_counter()
    write_reports(run)  # again, only to time it: the reports' share of the wall time above
    reports = time.perf_counter() - begin
    result = {"workers": workers, "accounts": size, "browsers": browsers.describe(), "wall_s": wall,
              "per_min": size / wall * 60, "s_per_account": wall / size, "reports_s": reports,
              "retries": marks.retries(), "failed_accounts": failed, **usage,
              "memory": sampler.peak.as_dict(workers)}
    return result, FinishedBatch(settings, accounts, source, workers, complete=not failed)


def say_throughput(result: dict[str, Any]) -> None:
    say(f"  {result['per_min']:.1f} accounts/min, peak PSS {result['memory']['peak_total_mib']:.0f} MiB "
        f"({result['memory']['peak_total_over_workers_mib']:.0f} MiB per worker)")


def run_batch(server: sandbox.Sandbox, root: Path, worker_counts: tuple[int, ...], size: int,
              browsers: Browsers = KEPT_PROFILES) -> tuple[dict[str, Any], FinishedBatch]:
    """Throughput for each worker count (fresh members for each); the last batch is kept for the resume."""
    results: dict[str, Any] = {}
    finished: FinishedBatch | None = None
    for workers in worker_counts:
        say(f"batch: {size} accounts, {workers} worker(s), {browsers.describe()}")
        result, finished = throughput(server, make_private_dir(root / f"w{workers}"), workers, size, browsers)
        results[str(workers)] = result
        say_throughput(result)
    if finished is None:
        raise BenchError("no worker counts to run")
    return results, finished


def prepare_resume(server: sandbox.Sandbox, root: Path, size: int) -> FinishedBatch:
    """For `--only resume`: a finished batch to resume (its own timing is not kept)."""
    say(f"resume: first a batch of {size} accounts with 4 workers (not timed)")
    return throughput(server, make_private_dir(root / "for-resume"), 4, size)[1]


def run_resume(server: sandbox.Sandbox, finished: FinishedBatch, repeats: int) -> dict[str, Any]:
    """Resume the finished batch `repeats` times. The browser path points nowhere, so an account that needed a
    browser would stop the resume with NoBrowser; the sandbox must also count no new login."""
    if not finished.complete:
        say("resume: first completing the accounts the batch failed (not timed)")
        options = BatchOptions(workers=finished.workers, min_interval=0.0, resume=True)
        _not_private(execute(Job(finished.settings, finished.accounts, "batch", finished.source, options=options)))
    say(f"resume: {repeats} resumes of a finished run of {len(finished.accounts)} accounts")
    logins = {email: member["logins"] for email, member in server.state().items()}
    settings = replace(finished.settings, browser_path=NO_BROWSER)
    options = BatchOptions(workers=finished.workers, min_interval=0.0, resume=True)
    times: list[float] = []
    for _ in range(repeats):
        begin = time.perf_counter()
        run = execute(Job(settings, finished.accounts, "batch", finished.source, options=options))
        times.append(time.perf_counter() - begin)
        _not_private(run)
    if logins != {email: member["logins"] for email, member in server.state().items()}:
        raise BenchError("resuming a finished batch logged in again")
    size = len(finished.accounts)
    return {"accounts": size, "repeats": repeats, "wall_s": summary(times),
            "s_per_account": summary([t / size for t in times]), "browser_path": NO_BROWSER}
