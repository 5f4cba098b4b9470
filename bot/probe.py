"""`optout probe`, read-only: log in as `run` does, open every page the plan needs, and say for each locator which
strategy found it or that none did; keep each page's HTML (secrets removed) and a screenshot for a bug report.

Nothing is changed or sent: the probe never clicks a switch or submits a form. It may choose an option in a
dropdown to reveal the field behind it, and answers a cookie banner as a run would.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from selenium.webdriver.remote.webdriver import WebDriver

from bot.accounts import Account
from bot.browsers import BROWSER_ERRORS, browser_source, keeps_profiles
from bot.errors import BadInput, ExitCode, exit_code_for
from bot.evidence import Evidence
from bot.journal import Journal, new_run_id
from bot.network import unreachable
from bot.private_files import make_private_dir, reason, usable_folder, write_private
from bot.profiles import PasswordStamp
from bot.runner import RunContext, open_session
from bot.settings import Settings
from flows.base import Locator, LocatorTimeout, Page, PageMissing, ProbeTarget
from flows.catalog import FLOWS
from flows.errors import FlowError
from flows.login import LoginOptions

log = logging.getLogger(__name__)

REQUIRED, ONE_OF, OPTIONAL, SEEN = "required", "one of", "optional", "seen"


@dataclass
class LocatorCheck:
    name: str
    kind: str  # required, one of, optional, or seen (matched on the way, e.g. a cookie banner or an iframe)
    strategy: str | None  # the strategy that found it; None: none did
    tried: list[str] = field(default_factory=list)


@dataclass
class PageCheck:
    name: str
    path: str
    locators: list[LocatorCheck] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def missing(self) -> list[LocatorCheck]:
        """Required locators that matched nothing; all of a one-of group when none of it matched."""
        one_of = [check for check in self.locators if check.kind == ONE_OF]
        group_missing = bool(one_of) and all(check.strategy is None for check in one_of)
        return [check for check in self.locators if check.strategy is None
                and (check.kind == REQUIRED or (check.kind == ONE_OF and group_missing))]


@dataclass
class ProbeResult:
    email: str
    base_url: str
    folder: Path
    login_method: str | None = None
    login: list[LocatorCheck] = field(default_factory=list)
    pages: list[PageCheck] = field(default_factory=list)
    error: FlowError | None = None

    @property
    def missing(self) -> list[tuple[PageCheck, LocatorCheck]]:
        return [(page, check) for page in self.pages for check in page.missing]

    @property
    def exit_code(self) -> ExitCode:
        if self.error is not None:
            return exit_code_for(self.error)
        return ExitCode.FAILED if self.missing else ExitCode.OK

    def lines(self) -> list[str]:
        """The report a person reads (and attaches to a bug report)."""
        how = f"signed in by {self.login_method}" if self.login_method else "not signed in"
        lines = [f"probe of {self.email} at {self.base_url}: {how}"]
        if self.login:
            lines += ["login", *(_line(check) for check in self.login)]
        for page in self.pages:
            lines.append(f"{page.name}  {page.path}")
            missing = page.missing
            lines += [_line(check, check in missing) for check in page.locators]
            if page.problem:
                lines.append(f"  problem  {page.problem}")
            lines += [f"  saved    {path}" for path in page.evidence]
        if self.error is not None:
            lines.append(f"result: the login failed ({self.error.code}): {self.error.message}")
            lines += [f"hint: {self.error.hint}"] if self.error.hint else []
        elif self.missing:
            names = "; ".join(f"{check.name} on {page.name}" for page, check in self.missing)
            lines.append(f"result: {len(self.missing)} required locator(s) matched nothing: {names}")
        else:
            lines.append("result: every required locator matched")
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {"email": self.email, "base_url": self.base_url, "folder": str(self.folder),
                "login_method": self.login_method, "error": None if self.error is None else
                {"code": self.error.code, "message": self.error.message, "hint": self.error.hint},
                "login": [vars(check) for check in self.login],
                "pages": [{**vars(page), "locators": [vars(c) for c in page.locators]} for page in self.pages],
                "ok": self.exit_code is ExitCode.OK}


def _line(check: LocatorCheck, missing: bool = False) -> str:
    if check.strategy is not None:
        return f"  {'ok':<8} {check.name}: {check.strategy}"
    if missing:
        return f"  {'MISSING':<8} {check.name} ({check.kind}); tried: {', '.join(_compact(check.tried))}"
    why = "another of the group matched" if check.kind == ONE_OF else "not on the page"
    return f"  {'-':<8} {check.name} ({check.kind}): {why}"


def _compact(strategies: list[str]) -> list[str]:
    """"text (en)", "text (de)" -> "text (en, de)": one entry per kind of strategy."""
    kinds: dict[str, list[str]] = {}
    for strategy in strategies:
        kind, _, languages = strategy.partition(" (")
        if languages.endswith(")"):
            kinds.setdefault(kind, []).append(languages[:-1])
        else:
            kinds[strategy] = []
    return [f"{kind} ({', '.join(langs)})" if langs else kind for kind, langs in kinds.items()]


def plan_targets(plan: tuple[str, ...]) -> list[ProbeTarget]:
    """The pages of every flow in the plan, each once (flows sharing a page add their locators to it)."""
    merged: dict[str, ProbeTarget] = {}
    for name in plan:
        for target in FLOWS[name].probe_targets():
            known = merged.get(target.path)
            merged[target.path] = target if known is None else replace(
                known, required=_union(known.required, target.required), one_of=_union(known.one_of, target.one_of),
                optional=_union(known.optional, target.optional))
    return list(merged.values())


def _union(first: tuple[Locator, ...], second: tuple[Locator, ...]) -> tuple[Locator, ...]:
    return tuple({locator.name: locator for locator in (*first, *second)}.values())


def run_probe(settings: Settings, account: Account, login_options: LoginOptions | None = None) -> ProbeResult:
    """Probe the plan's pages for one account; writes probe.txt, probe.json and evidence/ under a new folder."""
    targets = plan_targets(account.flows or settings.flows)
    run_id = new_run_id()
    folder, journal = _open_folder(settings, run_id)
    browsers = browser_source(settings, reuse=False)
    context = RunContext(settings, journal, run_id, folder, browsers, command="probe", read_only=True,
                         login_options=login_options or LoginOptions())
    evidence = Evidence(folder, account.slug, account.secret_values())
    result = ProbeResult(account.email, settings.base_url, folder)
    try:
        with browsers.lease(account) as lease:
            _probe(context, account, lease.driver, lease.stamp, evidence, targets, result)
    finally:
        browsers.close()
        journal.close()
    write_private(folder / "probe.txt", ("\n".join(result.lines()) + "\n").encode("utf-8"))
    write_private(folder / "probe.json", (json.dumps(result.to_dict(), indent=2) + "\n").encode("utf-8"))
    return result


def _open_folder(settings: Settings, run_id: str) -> tuple[Path, Journal]:
    """The probe's folder and the journal (the login's context needs one; nothing is journaled), before any
    browser starts: a results folder that cannot be written is bad input (exit 2), not a traceback."""
    usable_folder(settings.out_dir, "--out", "OPTOUT_OUT")
    if keeps_profiles(settings):
        usable_folder(settings.profiles_dir, "--profiles", "OPTOUT_PROFILES_DIR")
    folder = settings.out_dir / f"probe-{run_id}"
    try:
        make_private_dir(folder)
        return folder, Journal(settings.out_dir / "journal.sqlite")
    except (OSError, sqlite3.Error) as error:
        raise BadInput(f"--out: cannot write the probe's results in {settings.out_dir} ({reason(error)})",
                       hint="point --out (or OPTOUT_OUT) at a folder you can write to") from None


def _probe(context: RunContext, account: Account, driver: WebDriver, stamp: PasswordStamp | None,
           evidence: Evidence, targets: list[ProbeTarget], result: ProbeResult) -> None:
    try:
        page, result.login_method = open_session(context, account, driver, stamp, evidence)
    except FlowError as error:
        result.error = unreachable(context.settings.base_url, error, driver) or error
        return
    except BROWSER_ERRORS as error:
        result.error = unreachable(context.settings.base_url, error)
        if result.error is None:
            raise
        return
    result.login = [LocatorCheck(name, SEEN, strategy) for name, strategy in page.matched.items()]
    for target in targets:
        result.pages.append(_probe_page(page, target, evidence))


def _probe_page(page: Page, target: ProbeTarget, evidence: Evidence) -> PageCheck:
    check = PageCheck(target.name, target.path)
    page.matched.clear()
    try:
        check.path = _reach(page, target)
    except LocatorTimeout as error:
        check.problem = f"{error.locator} did not appear within {page.timeout:g} s"
    except FlowError as error:
        check.problem = error.message
    except BROWSER_ERRORS as error:
        check.problem = f"the browser refused: {error.__class__.__name__}"
    wanted = {locator.name for locator in target.locators()}
    for kind, locators in ((REQUIRED, target.required), (ONE_OF, target.one_of), (OPTIONAL, target.optional)):
        check.locators += [_check(page, locator, kind) for locator in locators]
    check.locators += [LocatorCheck(name, SEEN, strategy) for name, strategy in page.matched.items()
                       if name not in wanted]
    check.evidence = _snapshot(page, target, evidence)
    return check


def _reach(page: Page, target: ProbeTarget) -> str:
    """Open the page (where LinkedIn's Settings lead, when it moved), wait for its elements (inside its iframe,
    if that is where they are), reveal the rest; the path it was found at."""
    path = target.path
    try:
        page.open(path)
    except PageMissing:
        moved = target.relocate(page) if target.relocate else None
        if moved is None:
            raise
        path = moved[0]
        page.matched["setting page"] = f"{path} (linked from {moved[1]})"
        page.open(path)
    anything = Locator("anything the bot looks for",
                       tuple(s for locator in (*target.required, *target.one_of) for s in locator.strategies))
    if target.frame is not None:
        page.find_in_frame(anything, target.frame)
    else:
        page.find(anything)
    page.matched.pop(anything.name, None)
    if target.prepare is not None:
        target.prepare(page)
    with suppress(LocatorTimeout):  # what is still missing is reported per locator below
        page.wait(lambda driver: all(locator.find(driver) for locator in target.required), "required elements")
    return path


def _check(page: Page, locator: Locator, kind: str) -> LocatorCheck:
    try:
        found = locator.find(page.driver)
    except BROWSER_ERRORS:
        found = None
    if found is None:
        return LocatorCheck(locator.name, kind, None, locator.describe())
    return LocatorCheck(locator.name, kind, found[1])


def _snapshot(page: Page, target: ProbeTarget, evidence: Evidence) -> list[str]:
    name = f"probe-{target.name}"
    saved = evidence.snapshot(page.driver, f"{name}-iframe") if page.in_frame else []
    page.top()
    return saved + evidence.snapshot(page.driver, name)
