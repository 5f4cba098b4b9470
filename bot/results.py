"""What happened to each account and flow: the one model that the runner fills and every report reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    """The outcome of one flow for one account, as printed to the user."""

    ALREADY_OFF = "already-off"
    SWITCHED_OFF = "switched-off"
    SUBMITTED = "submitted"
    ALREADY_SUBMITTED = "already-submitted"
    WOULD_CHANGE = "would-change"
    NOT_OFFERED = "not-offered"
    DONE_BY_PERSON = "done-by-person"
    IS_ON = "is-on"
    NOT_SUBMITTED = "not-submitted"
    FAILED = "failed"
    NEEDS_ATTENTION = "needs-attention"

    @property
    def is_private(self) -> bool:
        return self in _PRIVATE


_PRIVATE = {Outcome.ALREADY_OFF, Outcome.SWITCHED_OFF, Outcome.SUBMITTED, Outcome.ALREADY_SUBMITTED,
            Outcome.NOT_OFFERED, Outcome.DONE_BY_PERSON}


class AccountStatus(StrEnum):
    """Where an account stands after a run: the column a privacy team sorts by."""

    PRIVATE = "private"
    NOT_PRIVATE = "not-private"
    FAILED = "failed"
    NEEDS_ATTENTION = "needs-attention"
    PENDING = "pending"


@dataclass
class FlowResult:
    flow: str
    outcome: Outcome
    detail: str = ""
    case_id: str | None = None
    error_code: str | None = None
    evidence: list[str] = field(default_factory=list)
    finished_at: str | None = None
    locators: dict[str, str] = field(default_factory=dict)  # locator name -> the strategy that found it
    applied: int = 0  # how many times the change was made: more than once when LinkedIn did not keep it
    command: str | None = None  # for a flow that needs a person: the command that opens it in a visible window

    def line(self) -> str:
        """The one line `optout run` prints for this flow."""
        if self.outcome is Outcome.SUBMITTED:
            return f"submitted {self.case_id}"
        if self.outcome is Outcome.DONE_BY_PERSON and self.case_id:
            return f"done-by-person {self.case_id}"
        if self.outcome is Outcome.ALREADY_SUBMITTED and self.case_id:
            return f"already-submitted ({self.case_id})"
        if self.outcome in (Outcome.FAILED, Outcome.NEEDS_ATTENTION):
            return f"{self.outcome}: {self.detail}"
        return str(self.outcome)


@dataclass
class AccountResult:
    email: str
    label: str = ""
    flows: list[FlowResult] = field(default_factory=list)
    status: AccountStatus = AccountStatus.PENDING
    error_code: str | None = None
    message: str = ""
    hint: str = ""
    started_at: str | None = None
    finished_at: str | None = None
    browser_restarts: int = 0  # browsers lost mid-account (on a grid: a node) and replaced; the account went on

    def settle(self) -> AccountStatus:
        """Derive the account's status from its flows, unless an account-level error already decided it."""
        if self.status in (AccountStatus.FAILED, AccountStatus.NEEDS_ATTENTION):
            return self.status
        outcomes = [f.outcome for f in self.flows]
        if any(o is Outcome.FAILED for o in outcomes):
            self.status = AccountStatus.FAILED
        elif any(o is Outcome.NEEDS_ATTENTION for o in outcomes):
            self.status = AccountStatus.NEEDS_ATTENTION
        elif outcomes and all(o.is_private for o in outcomes):
            self.status = AccountStatus.PRIVATE
        else:
            self.status = AccountStatus.NOT_PRIVATE
        return self.status


@dataclass
class RunResult:
    run_id: str
    command: str
    base_url: str
    started_at: str
    folder: str
    accounts: list[AccountResult] = field(default_factory=list)
    finished_at: str | None = None
    dry_run: bool = False

    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in AccountStatus}
        for account in self.accounts:
            counts[account.status.value] += 1
        return counts
