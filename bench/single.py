"""One account, full default plan, four ways, interleaved: the bot (`ours`), the bare script (`floor`), the bare
script taking the bot's 8 evidence screenshots (`floor-evidence`), and the library pieces driven one by one
(`pieces`: check / apply / verify / screenshots per flow).

`ours` runs the real per-account runner (`bot.runner.run_account`) inside the same journal, run folder and
reports that `bot.batch.execute` sets up around it. Phases come from a timed `KeptProfiles._start` (browser start)
and the bot's own log lines (login and each flow end; see `Marks`), so nothing in the bot is changed or patched.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from selenium.common.exceptions import WebDriverException

import sandbox
from bench.common import (
    BenchError,
    Marks,
    new_member,
    require_private,
    say,
    serve_with_latency,
    summarise_phases,
    summary,
)
from bench.floor import bare_driver, page_actions
from bench.sampler import browser_trees
from bot.accounts import Account
from bot.browser import BrowserOptions, Discovery, make_driver
from bot.browsers import KeptProfiles
from bot.evidence import Evidence
from bot.journal import Journal, new_run_id, now
from bot.private_files import make_private_dir
from bot.profiles import PasswordStamp
from bot.report import write_reports
from bot.results import AccountResult, AccountStatus, RunResult
from bot.runner import RunContext, run_account
from bot.settings import Settings
from flows.base import Flow, Page, State
from flows.catalog import FLOWS
from flows.errors import FlowError
from flows.login import Credentials, LoginOptions, LoginSession

PLAN = Settings().flows
PAGE_ACTIONS = ("login", *PLAN)
T = TypeVar("T")
MAX_FAILED_RUNS = 3
Run = Callable[[sandbox.Sandbox, Discovery, Account, str, Path], tuple[dict[str, float], int]]


def _ours(server: sandbox.Sandbox, found: Discovery, account: Account, password: str, folder: Path
          ) -> tuple[dict[str, float], int]:
    settings = Settings(base_url=server.url, out_dir=folder / "out", profiles_dir=folder / "profiles")
    clock = {"start": time.perf_counter()}
    journal = Journal(settings.out_dir / "journal.sqlite")
    run_id = new_run_id()
    run_folder = make_private_dir(settings.out_dir / run_id)
    journal.start_run(run_id, "bench", f"bench:{account.email}", settings.base_url, run_folder)

    class TimedProfiles(KeptProfiles):
        def _start(self, profile: Path) -> Any:
            clock["driver asked"] = time.perf_counter()
            driver = super()._start(profile)
            clock["driver ready"] = time.perf_counter()
            return driver

    context = RunContext(settings, journal, run_id, run_folder, TimedProfiles(settings, found), command="bench")
    with Marks() as marks:
        clock["run"] = time.perf_counter()
        result = run_account(context, account)
        clock["ran"] = time.perf_counter()
    run = RunResult(run_id, "bench", settings.base_url, now(), str(run_folder), accounts=[result], finished_at=now())
    journal.finish_run(run_id)
    write_reports(run)
    journal.close()
    clock["end"] = time.perf_counter()
    _require_done(result)
    return _ours_phases(clock, marks, account.email), marks.retries()


def _require_done(result: AccountResult) -> None:
    if result.status is not AccountStatus.PRIVATE:
        failed = "; ".join(f"{flow.flow}: {flow.line()}" for flow in result.flows if not flow.outcome.is_private)
        raise BenchError(f"the bot ended {result.status}: {result.message or failed}")


def _ours_phases(clock: dict[str, float], marks: Marks, email: str) -> dict[str, float]:
    login = marks.login_done()
    ends = marks.flows_done(email, PLAN)
    if login is None or [flow for flow, _ in ends] != list(PLAN):
        raise BenchError("the bot's log lines that mark phase ends were not seen (did their wording change?)")
    phases = {"journal + run folder": clock["run"] - clock["start"],
              "profile lock": clock["driver asked"] - clock["run"],
              "browser start": clock["driver ready"] - clock["driver asked"],
              "login": login - clock["driver ready"]}
    previous = login
    for flow, at in ends:
        phases[flow], previous = at - previous, at
    phases["quit + journal"] = clock["ran"] - previous
    phases["reports"] = clock["end"] - clock["ran"]
    return phases


def _floor(server: sandbox.Sandbox, found: Discovery, account: Account, password: str, folder: Path,
           evidence: bool = False) -> tuple[dict[str, float], int]:
    begin = time.perf_counter()
    driver = bare_driver(found, folder / "profile")
    ready = time.perf_counter()

    def shoot(name: str) -> None:
        (folder / f"{name}.png").write_bytes(driver.get_screenshot_as_png())

    try:
        actions = page_actions(driver, server.url, account.email, password, shoot=shoot if evidence else None)
    finally:
        leaving = time.perf_counter()
        driver.quit()
    return {"browser start": ready - begin, **actions, "quit": time.perf_counter() - leaving}, 0


class _Shots:
    """The runner's screenshot hook, timed: the same PNG the bot keeps as evidence."""

    def __init__(self, evidence: Evidence, page: Page) -> None:
        self.evidence, self.page, self.total = evidence, page, 0.0

    def __call__(self, name: str) -> None:
        begin = time.perf_counter()
        self.evidence.screenshot(self.page.driver, name)
        self.total += time.perf_counter() - begin


def _pieces(server: sandbox.Sandbox, found: Discovery, account: Account, password: str, folder: Path
            ) -> tuple[dict[str, float], int]:
    phases: dict[str, float] = {}
    begin = time.perf_counter()
    driver = make_driver(BrowserOptions(profile_dir=folder / "profile"), found)
    phases["browser start"] = time.perf_counter() - begin
    try:
        page = Page(driver, server.url, timeout=Settings().timeout)
        shots = _Shots(Evidence(folder, account.slug, [password]), page)
        page.capture = shots
        begin = time.perf_counter()
        LoginSession(page, Credentials(account.email, account.password), LoginOptions()).ensure()
        phases["login"] = time.perf_counter() - begin
        for name in PLAN:
            _flow_pieces(FLOWS[name], page, shots, phases)
    finally:
        begin = time.perf_counter()
        driver.quit()
        phases["quit"] = time.perf_counter() - begin
    phases.update(_bookkeeping(folder, account.email, password))
    return phases, 0


def _flow_pieces(flow: Flow, page: Page, shots: _Shots, phases: dict[str, float]) -> None:
    """check, apply, verify, each without its screenshots; the screenshots on their own line."""
    shots_before = shots.total
    reading = _timed(phases, f"{flow.name}: check", shots, lambda: flow.check(page))
    if reading.state not in (State.ON, State.NOT_SUBMITTED):
        raise BenchError(f"{flow.name}: a fresh member read as {reading.state}")
    receipt = _timed(phases, f"{flow.name}: apply", shots, lambda: flow.apply(page))
    _timed(phases, f"{flow.name}: verify", shots, lambda: flow.verify(page, receipt))
    phases[f"{flow.name}: screenshots"] = shots.total - shots_before


def _timed(phases: dict[str, float], name: str, shots: _Shots, call: Callable[[], T]) -> T:
    shots_at, begin = shots.total, time.perf_counter()
    value = call()
    phases[name] = time.perf_counter() - begin - (shots.total - shots_at)
    return value


def _bookkeeping(folder: Path, email: str, password: str) -> dict[str, float]:
    """What the runner adds per account besides pages: the password stamp and the journal's writes."""
    begin = time.perf_counter()
    PasswordStamp(make_private_dir(folder / "stamp")).save(password)
    stamp = time.perf_counter() - begin
    begin = time.perf_counter()
    journal = Journal(folder / "journal" / "journal.sqlite")
    journal.start_run("bench", "bench", "bench", "http://127.0.0.1", folder)
    for flow in PLAN:
        for event in ("intent", "applied", "verified"):
            journal.record("bench", email, flow, event)
    journal.save_account("bench", AccountResult(email))
    journal.close()
    return {"password stamp (scrypt)": stamp, "journal (open + 12 steps + account)": time.perf_counter() - begin}


RUNS: dict[str, Run] = {"ours": _ours, "floor": _floor, "floor-evidence": partial(_floor, evidence=True),
                        "pieces": _pieces}


def run_single(found: Discovery, root: Path, latencies: tuple[int, ...], repeats: int) -> dict[str, Any]:
    """Every latency in its own in-process sandbox; per latency, the four ways interleaved `repeats` times."""
    results: dict[str, Any] = {}
    for latency in latencies:
        with serve_with_latency(latency) as server:
            say(f"single: {latency} ms added latency, {repeats} repeats of {' / '.join(RUNS)}")
            results[f"{latency}ms"] = _one_latency(server, found, root / f"{latency}ms", repeats)
    return results


def _one_latency(server: sandbox.Sandbox, found: Discovery, root: Path, repeats: int) -> dict[str, Any]:
    noise = {"loadavg_1min_before": os.getloadavg()[0], "other_chromedrivers_before": browser_trees(os.getpid())[1]}
    _warm_up(server, found, root / "warm-up")
    kinds = list(RUNS)
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    retries, failures = 0, []
    for repeat in range(repeats):
        shift = repeat % len(kinds)
        for kind in kinds[shift:] + kinds[:shift]:  # rotated, so no way always runs first
            phases, retried = _measured(server, found, kind, root / f"{kind}-{repeat}", failures)
            runs[kind].append(phases)
            retries += retried
            say(f"  {kind} #{repeat + 1}: {sum(phases.values()):.2f} s")
    noise["loadavg_1min_after"] = os.getloadavg()[0]
    return {**_latency_result(runs), "retries": retries, "failed_runs": failures, "machine_load": noise}


def _measured(server: sandbox.Sandbox, found: Discovery, kind: str, folder: Path, failures: list[str]
              ) -> tuple[dict[str, float], int]:
    """One run of `kind` that did the whole job. A run that failed is noted and done again on a fresh member;
    after MAX_FAILED_RUNS failures at one latency the benchmark stops."""
    for attempt in itertools.count(1):
        account, password = new_member(server, f"{kind}.{folder.name}.{attempt}@example.com")
        try:
            phases, retried = RUNS[kind](server, found, account, password, make_private_dir(folder / str(attempt)))
            require_private(server, [account.email])
            return phases, retried
        except (BenchError, FlowError, WebDriverException) as error:
            failures.append(f"{kind}: {error.__class__.__name__}: {str(error).strip().splitlines()[0]}")
            say(f"  {kind} failed ({failures[-1]}); running it again on a fresh member")
            if len(failures) >= MAX_FAILED_RUNS:
                raise BenchError(f"{len(failures)} failed runs at one latency; the last: {failures[-1]}") from None
    raise AssertionError("unreachable")


def _warm_up(server: sandbox.Sandbox, found: Discovery, folder: Path) -> None:
    """One untimed floor run: the first browser start after a pause reads its files from disk."""
    account, password = new_member(server, "warm-up@example.com")
    try:
        _floor(server, found, account, password, make_private_dir(folder))
    except WebDriverException as error:
        say(f"  the warm-up run failed ({error.__class__.__name__}); going on")


def _latency_result(runs: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    result: dict[str, Any] = {"pieces": {"phases": summarise_phases(runs["pieces"])}}
    for kind in ("ours", "floor", "floor-evidence"):
        result[kind] = {"phases": summarise_phases(runs[kind]),
                        "page_actions": summary([sum(run[name] for name in PAGE_ACTIONS) for run in runs[kind]]),
                        "end_to_end": summary([sum(run.values()) for run in runs[kind]])}
    result["ours_over_floor"] = {span: result["ours"][span]["median"] / result["floor"][span]["median"]
                                 for span in ("page_actions", "end_to_end")}
    result["ours_over_floor"]["page_actions_same_evidence"] = (
        result["ours"]["page_actions"]["median"] / result["floor-evidence"]["page_actions"]["median"])
    shots = summary([sum(t for name, t in run.items() if name.endswith(": screenshots")) for run in runs["pieces"]])
    result["evidence_screenshots_s"] = shots
    result["ours_over_floor"]["page_actions_without_screenshots"] = (
        (result["ours"]["page_actions"]["median"] - shots["median"]) / result["floor"]["page_actions"]["median"])
    return result
