"""Run one account through its plan: log in, then for each flow check, apply, verify, journal and keep evidence."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path

from selenium.webdriver.remote.webdriver import WebDriver

from bot import hints, sessions
from bot import journal as events
from bot.accounts import Account
from bot.browsers import BROWSER_ERRORS, KeptProfiles, WorkerBrowsers
from bot.evidence import Evidence
from bot.hints import run_again
from bot.journal import Journal, now
from bot.network import unreachable
from bot.profiles import PasswordStamp, ProfileBusy
from bot.results import AccountResult, AccountStatus, FlowResult, Outcome
from bot.retry import TRANSIENT, step_policy
from bot.settings import Settings
from flows import errors as flow_errors
from flows.base import PRIVATE_STATES, Flow, LocatorTimeout, Page, Reading, Receipt, SessionLost, State
from flows.catalog import FLOWS
from flows.login import Credentials, LoginOptions, LoginSession
from flows.person import NobodyCame, wait_for_person

log = logging.getLogger(__name__)

BROWSERS_PER_ACCOUNT = 2

_DONE_OUTCOME = {State.OFF: Outcome.SWITCHED_OFF, State.SUBMITTED: Outcome.SUBMITTED,
                 State.NOT_OFFERED: Outcome.NOT_OFFERED}
_ALREADY_OUTCOME = {State.OFF: Outcome.ALREADY_OFF, State.SUBMITTED: Outcome.ALREADY_SUBMITTED,
                    State.NOT_OFFERED: Outcome.NOT_OFFERED}
_AUDIT_OUTCOME = {State.ON: Outcome.IS_ON, State.NOT_SUBMITTED: Outcome.NOT_SUBMITTED}


@dataclass
class RunContext:
    """What every account of one run shares."""

    settings: Settings
    journal: Journal
    run_id: str
    folder: Path
    browsers: KeptProfiles | WorkerBrowsers
    command: str = "run"
    read_only: bool = False
    login_options: LoginOptions = field(default_factory=LoginOptions)


def run_account(context: RunContext, account: Account) -> AccountResult:
    """Bring one account to its private state (or, read-only, report where it stands). Never raises a flow error."""
    result = AccountResult(account.email, account.label, started_at=now())
    plan = account.flows or context.settings.flows
    evidence = Evidence(context.folder, account.slug, account.secret_values())
    try:
        _run_with_browsers(context, account, result, plan, evidence)
    except ProfileBusy as busy:
        result.status, result.error_code, result.message, result.hint = (
            AccountStatus.FAILED, busy.code, busy.message, busy.hint)
    result.finished_at = now()
    result.settle()
    if evidence.problem:  # the opt-outs went on without it; the account's line says so
        result.message = f"{result.message}; {evidence.problem}" if result.message else evidence.problem
    context.journal.save_account(context.run_id, result)
    return result


def _run_with_browsers(context: RunContext, account: Account, result: AccountResult, plan: tuple[str, ...],
                       evidence: Evidence) -> None:
    """The account's flows in its browser; a browser that dies is replaced once and the remaining flows go on."""
    with context.browsers.lease(account) as lease:
        for browsers_left in range(BROWSERS_PER_ACCOUNT - 1, -1, -1):
            done = {flow.flow for flow in result.flows}
            try:
                _AccountRun(context, account, lease.driver, result, lease.stamp, evidence).run(
                    tuple(name for name in plan if name not in done))
                break
            except BrowserDied as died:
                log.warning("%s: the browser died (%s); %s", account.email, died,
                            "starting a new one" if browsers_left else "giving up")
                if not browsers_left:
                    result.status, result.error_code = AccountStatus.FAILED, "browser-crashed"
                    result.message, result.hint = f"the browser died twice: {died}", "Run again to resume."
                else:
                    result.browser_restarts += 1
                    result.message = (f"retried in a new browser after its browser was lost mid-account ({died}; "
                                      "on a grid: its node); what was done was read back first")
                    lease.replace()


def _page_changed(error: LocatorTimeout) -> flow_errors.PageChanged:
    """An element that never appeared, however often tried: the page is not what the bot expected."""
    return flow_errors.PageChanged(f"{error.locator} not found on {error.url}", error.locator, error.url)


def _brief(error: BaseException) -> str:
    text = getattr(error, "msg", None) or str(error)
    return f"{error.__class__.__name__}: {text.strip().splitlines()[0] if text.strip() else ''}"


@dataclass
class _FlowRun:
    """One flow of an account: its result so far, the locators it matched, and the receipt of a change whose
    verification is still to come."""

    flow: Flow
    outcome: FlowResult
    matched: dict[str, str] = field(default_factory=dict)
    receipt: Receipt | None = None


_NOTHING_PENDING: Future[None] = Future()
_NOTHING_PENDING.set_result(None)


class BrowserDied(Exception):
    """The browser or its driver stopped answering mid-account; the account goes on in a new browser."""


def _alive(driver: WebDriver) -> bool:
    try:
        driver.execute_script("return 1")
    except BROWSER_ERRORS:  # a browser that cannot run one line of script is of no use to the account
        return False
    return True


class _AccountRun:
    def __init__(self, context: RunContext, account: Account, driver: WebDriver, result: AccountResult,
                 stamp: PasswordStamp | None, evidence: Evidence) -> None:
        self.context = context
        self.stamp = stamp
        self.stamp_saved: Future[None] = _NOTHING_PENDING
        self.settings = context.settings
        self.account = account
        self.result = result
        self.evidence = evidence
        self.page = Page(driver, self.settings.base_url, timeout=self.settings.timeout,
                         background_tabs=self.settings.headless, country=account.country or self.settings.country,
                         details=self.settings.details)
        credentials = Credentials(account.email, account.password, account.totp_secret, account.li_at)
        self.session = LoginSession(self.page, credentials, context.login_options)

    def run(self, plan: tuple[str, ...]) -> None:
        try:
            self._log_in()
            self._run_flows([FLOWS[name] for name in plan])
        except flow_errors.FlowError as error:
            self._account_failed(unreachable(self.settings.base_url, error, self.page.driver) or error)
        except BROWSER_ERRORS as error:  # the browser refused an action the flows did not expect, or is gone
            if not _alive(self.page.driver):
                raise BrowserDied(error.__class__.__name__) from None
            self._account_failed(unreachable(self.settings.base_url, error) or flow_errors.FlowError(
                f"the browser refused an action: {_brief(error)}", hint="Run again; the journal keeps what was done."))
        finally:
            with suppress(*BROWSER_ERRORS):
                self.page.drop_preloads()
            self.stamp_saved.result()

    def _log_in(self) -> None:
        """Transient trouble on the way in is retried; a refused login never is (LoginError is not transient)."""
        password = self.account.password.reveal() if self.account.password else None
        reuse = not self.settings.forget_session and (
            password is None or self.stamp is None or self.stamp.matches(password) is not False)
        kept = sessions.restore(self.settings, self.account, password)  # a session that travels: any grid node
        self.session.credentials = replace(self.session.credentials, kept=kept)
        try:
            for attempt in step_policy(attempts=2):
                with attempt:
                    method = self.session.ensure(reuse_session=reuse)
        except LocatorTimeout as error:
            self.evidence.snapshot(self.page.driver, "login-page-changed")
            raise _page_changed(error) from None
        except TRANSIENT as error:
            raise flow_errors.FlowError(f"LinkedIn did not answer the login: {error}") from None
        sessions.keep(self.settings, self.account, self.page.driver, password if method == "password" else None)
        if method == "password" and password is not None and self.stamp is not None:
            self.stamp_saved = self.stamp.save_soon(password)

    def _account_failed(self, error: flow_errors.FlowError) -> None:
        self.result.status = AccountStatus.NEEDS_ATTENTION if error.person_must_act else AccountStatus.FAILED
        self.result.error_code = error.code
        self.result.message = error.message
        self.result.hint = self._hint_for(error)
        log.error("%s: %s", self.account.email, error.message)

    def _hint_for(self, error: flow_errors.FlowError) -> str:
        if isinstance(error, flow_errors.PinRequired):
            return f"Run in a terminal to enter the PIN: {self._run_again()}"
        if isinstance(error, flow_errors.ChallengeRequired) and not error.hint:
            return f"Run with a visible browser and finish the check: {self._run_again('--headed')}"
        return error.hint

    def _run_again(self, *flags: str) -> str:
        """The `optout run` that goes on with this account where this run stopped: the same site and flows, and
        the same results and profiles folders, so that its journal and kept session are found again."""
        return run_again(self.settings, self.account.email, *flags, flows=self.account.flows or self.settings.flows)

    def _run_flows(self, flows: list[Flow]) -> None:
        """The flows in plan order, pipelined when pages are slow: the next flow's first page loads in a
        background tab while a flow works, and a flow whose verifying page loads in another tab is verified once
        the next flow has applied its change. A next flow on the same page (a second switch) is not pipelined:
        it reads the page this flow verifies on. Results keep the plan's order."""
        waiting: _FlowRun | None = None
        for index, flow in enumerate(flows):
            following = flows[index + 1] if index + 1 < len(flows) else None
            next_page = following.first_page(self.page) if following else None
            on_this_page = next_page is not None and next_page == flow.first_page(self.page)
            if next_page is not None and not on_this_page:
                self.page.preload(next_page)
            run = _FlowRun(flow, FlowResult(flow.name, Outcome.FAILED))
            self._change(run)
            may_wait = following is not None and not on_this_page and run.receipt is not None
            if waiting is not None:
                self._finish(waiting)
            waiting = run if may_wait and flow.prepare_verify(self.page) else None
            if waiting is None:
                self._finish(run)
        if waiting is not None:
            self._finish(waiting)

    def _change(self, run: _FlowRun) -> None:
        """The first half of a flow: check, and unless it is private already, intent, apply, applied. A filing
        the journal knows as verified is not read again (LinkedIn keeps a filing; a switch can be turned back)."""
        known = self._known_from_journal(run.flow)
        if known:
            run.outcome.outcome, run.outcome.case_id, run.outcome.detail = (
                Outcome.ALREADY_SUBMITTED, known, "local record")
            return
        self._guarded(run, lambda: self._retried(lambda: self._check_and_apply(run)))

    def _finish(self, run: _FlowRun) -> None:
        """The second half: verify, verified; then the flow's result joins the account's."""
        if run.receipt is not None:
            self._guarded(run, lambda: self._verify(run))
        outcome = run.outcome
        outcome.locators = dict(run.matched)
        outcome.finished_at = now()
        log.info("%s %s: %s", self.account.email, run.flow.name, outcome.line())
        self.result.flows.append(outcome)

    def _known_from_journal(self, flow: Flow) -> str | None:
        if not flow.filed_once:
            return None
        return self.context.journal.known_submission(self.settings.base_url, self.account.email, flow.name)

    def _guarded(self, run: _FlowRun, step: Callable[[], None]) -> None:
        """A step under the error rules: once after a lost session, log in again and run the whole flow again
        (its check skips done work); a page not as expected goes to a person; anything else fails the flow."""
        outcome = run.outcome
        for relogins_left in (1, 0):
            self._work_on(run)
            try:
                return step()
            except SessionLost as error:
                if not relogins_left:
                    return self._flow_failed(outcome, error)
                try:
                    self.session.relogin()
                except flow_errors.FlowError as login_error:
                    return self._flow_failed(outcome, login_error)
                step = lambda: self._retried(lambda: self._whole(run))  # noqa: E731
            except flow_errors.PageChanged as error:
                return self._person_finishes(run, error)
            except flow_errors.FlowError as error:
                return self._flow_failed(outcome, error)
            except TRANSIENT as error:
                return self._flow_failed(outcome, flow_errors.FlowError(f"gave up after retries: {_brief(error)}"))
        return None

    def _work_on(self, run: _FlowRun) -> None:
        """What the page captures and matches from now on belongs to this flow."""
        self.page.capture = lambda name: self._capture(run.outcome, name)
        self.page.matched = run.matched

    @staticmethod
    def _retried(step: Callable[[], None]) -> None:
        """A step again on transient trouble, within the retry budget; an element that never appeared is a page
        that is not what the flow expected."""
        try:
            for attempt in step_policy():
                with attempt:
                    step()
        except LocatorTimeout as error:
            raise _page_changed(error) from None

    def _verify(self, run: _FlowRun) -> None:
        """The receipt verified; when that fails (a save LinkedIn did not keep, a reload that did not answer),
        the flow again from its check, so that a dropped save is applied again."""
        try:
            self._verify_receipt(run)
        except TRANSIENT as error:
            log.warning("%s %s: verifying failed (%s); checking again", self.account.email, run.flow.name, error)
            self._retried(lambda: self._whole(run))

    def _whole(self, run: _FlowRun) -> None:
        self._check_and_apply(run)
        if run.receipt is not None:
            self._verify_receipt(run)

    def _verify_receipt(self, run: _FlowRun) -> None:
        """verify, verified; the receipt is used up whatever verify says (a retry starts again from the check)."""
        receipt, run.receipt = run.receipt, None
        assert receipt is not None
        self._verified(run, run.flow.verify(self.page, receipt))

    def _check_and_apply(self, run: _FlowRun) -> None:
        """check -> (intent, apply, applied). Safe to repeat: check sees what is done."""
        journal, run_id, email = self.context.journal, self.context.run_id, self.account.email
        flow, outcome = run.flow, run.outcome
        reading = flow.check(self.page)
        if reading.state in PRIVATE_STATES:
            return self._already(flow, outcome, reading)
        if self.context.read_only or self.settings.dry_run:
            outcome.outcome = Outcome.WOULD_CHANGE if self.settings.dry_run else _AUDIT_OUTCOME[reading.state]
            return None
        journal.record(run_id, email, flow.name, events.INTENT)
        run.receipt = flow.apply(self.page)
        outcome.applied += 1
        journal.record(run_id, email, flow.name, events.APPLIED, run.receipt.case_id, run.receipt.detail)
        return None

    def _verified(self, run: _FlowRun, verified: Reading) -> None:
        self.context.journal.record(self.context.run_id, self.account.email, run.flow.name, events.VERIFIED,
                                    verified.case_id)
        run.outcome.outcome, run.outcome.case_id = _DONE_OUTCOME[verified.state], verified.case_id

    def _already(self, flow: Flow, outcome: FlowResult, reading: Reading) -> None:
        """Private already. An open intent means our own earlier attempt did it (e.g. its answer was lost)."""
        journal, email = self.context.journal, self.account.email
        recovered = journal.has_open_intent(self.settings.base_url, email, flow.name)
        outcome.outcome = _DONE_OUTCOME[reading.state] if recovered else _ALREADY_OUTCOME[reading.state]
        outcome.case_id = reading.case_id
        outcome.detail = flow.confirmed_by if recovered else ""
        if reading.case_id or recovered:  # a case on file, or our own change: the journal knows it from now on
            journal.record(self.context.run_id, email, flow.name, events.VERIFIED, reading.case_id)

    def _person_finishes(self, run: _FlowRun, problem: flow_errors.PageChanged) -> None:
        """The bot cannot go on with this flow. In a visible window a person finishes it, the bot watching,
        then verifying and recording `done-by-person`; otherwise (or when nobody comes) it needs attention,
        with the one command that opens it in a visible window. Nothing is sent on the person's behalf."""
        flow, outcome = run.flow, run.outcome
        outcome.evidence += self.evidence.snapshot(self.page.driver, f"{flow.name}-page-changed")
        command = hints.run_again(self.settings, self.account.email, "--headed", flows=(flow.name,))
        if not self.context.login_options.wait_for_person:
            return self._needs_person(outcome, problem, command)
        try:
            answer = wait_for_person(self.page, flow.handoff(self.page, problem), self.settings.person_timeout)
            receipt = flow.finished_by_person(self.page, answer)
            self.context.journal.record(self.context.run_id, self.account.email, flow.name, events.APPLIED,
                                        receipt.case_id, receipt.detail)
            verified = flow.verify(self.page, receipt)
        except NobodyCame:
            return self._needs_person(outcome, problem, command, "nobody finished it in time")
        except KeyboardInterrupt:
            self._needs_person(outcome, problem, command, "stopped while waiting for a person")
            raise
        except (flow_errors.FlowError, *TRANSIENT) as error:
            return self._flow_failed(outcome, flow_errors.FlowError(f"what a person did could not be verified: "
                                                                    f"{_brief(error)}"))
        self.context.journal.record(self.context.run_id, self.account.email, flow.name, events.VERIFIED,
                                    verified.case_id)
        outcome.outcome, outcome.case_id, outcome.detail = Outcome.DONE_BY_PERSON, verified.case_id, ""
        return None

    def _needs_person(self, outcome: FlowResult, problem: flow_errors.PageChanged, command: str,
                      why: str = "") -> None:
        outcome.outcome, outcome.error_code = Outcome.NEEDS_ATTENTION, problem.code
        outcome.detail = f"{problem.message} ({why})" if why else problem.message
        outcome.command = command
        self.result.hint = self.result.hint or f"A person can finish it in a visible window: {command}"
        self.context.journal.record(self.context.run_id, self.account.email, outcome.flow, events.FAILED,
                                    detail=f"needs-attention: {outcome.detail}")
        log.warning("%s %s: %s; a person can finish it: %s", self.account.email, outcome.flow, outcome.detail,
                    command)

    def _flow_failed(self, outcome: FlowResult, error: flow_errors.FlowError) -> None:
        outcome.outcome, outcome.error_code, outcome.detail = Outcome.FAILED, error.code, error.message
        self.result.hint = self.result.hint or error.hint
        self.context.journal.record(self.context.run_id, self.account.email, outcome.flow, events.FAILED,
                                    detail=f"{error.code}: {error.message}")
        log.error("%s %s: %s", self.account.email, outcome.flow, error.message)

    def _capture(self, outcome: FlowResult, name: str) -> None:
        shot = self.evidence.screenshot(self.page.driver, name)
        if shot:
            outcome.evidence.append(shot)


def open_session(context: RunContext, account: Account, driver: WebDriver, stamp: PasswordStamp | None,
                 evidence: Evidence) -> tuple[Page, str]:
    """Log `account` in on `driver` exactly as a run does (kept session, li_at, password, challenges, retries);
    the page and how the session was had. For read-only tools such as `optout probe`. A refused login raises."""
    run = _AccountRun(context, account, driver, AccountResult(account.email, account.label), stamp, evidence)
    run._log_in()
    run.stamp_saved.result()
    return run.page, run.session.method or ""
