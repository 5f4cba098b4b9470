"""The engine's own errors, and the one map from every error (engine's and flows') to an exit code and a hint."""

from __future__ import annotations

from enum import IntEnum

from bot.results import AccountStatus
from flows import errors as flow_errors


class ExitCode(IntEnum):
    """Documented in README.md; scripts and cron jobs rely on these."""

    OK = 0
    FAILED = 1
    BAD_INPUT = 2
    NO_BROWSER = 3
    NEEDS_PERSON = 4


class OptoutError(Exception):
    """Base of the engine's errors: `message` says what happened, `hint` what the user can do."""

    exit_code = ExitCode.FAILED
    code = "error"

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class BadInput(OptoutError):
    """A flag, CSV, .env file or URL the user gave cannot be used; nothing has run."""

    exit_code = ExitCode.BAD_INPUT
    code = "bad-input"

    def __init__(self, message: str, hint: str = "", problems: list[str] | None = None) -> None:
        super().__init__(message, hint)
        self.problems = problems or []


class NoBrowser(OptoutError):
    """No browser/driver pair could start a session; `attempts` says what each discovery step found."""

    exit_code = ExitCode.NO_BROWSER
    code = "no-browser"

    def __init__(self, message: str, hint: str = "", attempts: list[str] | None = None) -> None:
        super().__init__(message, hint)
        self.attempts = attempts or []


class Interrupted(OptoutError):
    """The user pressed Ctrl-C; what was done is in the journal and `--resume` continues."""

    exit_code = ExitCode.FAILED
    code = "interrupted"


class BatchStopped(OptoutError):
    """An error outside any flow (a full disk, a locked journal) stopped the pool: the accounts under way finished
    or were marked interrupted, the rest did not start, and `--resume` continues once the cause is fixed."""

    exit_code = ExitCode.FAILED
    code = "stopped"


def exit_code_for(error: BaseException) -> ExitCode:
    if isinstance(error, OptoutError):
        return error.exit_code
    if isinstance(error, flow_errors.FlowError) and error.person_must_act:
        return ExitCode.NEEDS_PERSON
    return ExitCode.FAILED


def exit_code_of_run(statuses: set[AccountStatus]) -> ExitCode:
    """A run's exit code from its accounts' statuses: a failure wins, then a person's turn, then anything not
    private."""
    if AccountStatus.FAILED in statuses:
        return ExitCode.FAILED
    if AccountStatus.NEEDS_ATTENTION in statuses:
        return ExitCode.NEEDS_PERSON
    if statuses - {AccountStatus.PRIVATE}:
        return ExitCode.FAILED
    return ExitCode.OK
