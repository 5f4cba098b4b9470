"""What can go wrong on LinkedIn's side. Each error says what happened and what the user can do about it."""

from __future__ import annotations


class FlowError(Exception):
    """Base of every LinkedIn-side error. `code` is the stable short name printed in reports."""

    code = "failed"
    hint = ""
    person_must_act = False  # only a person can get past it (a PIN, a check): the account needs attention

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        if hint:
            self.hint = hint


class TransientPageError(FlowError):
    """A page that failed in a way that may pass (5xx, 429, a dropped connection): worth another attempt."""

    code = "transient"

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PageChanged(FlowError):
    """A page is not what the bot expects: LinkedIn changed it, or the bot is on the wrong page."""

    code = "page-changed"
    hint = "LinkedIn may have changed this page; run `optout probe` and attach its output to a bug report."

    def __init__(self, message: str, locator: str = "", url: str = "") -> None:
        super().__init__(message)
        self.locator = locator
        self.url = url


class NotVerified(FlowError):
    """A change was made but reading it back does not show it: the setting is not reported as done."""

    code = "not-verified"
    hint = "Run again; if it persists, check the setting by hand and report it."


class LoginError(FlowError):
    """Login did not succeed. Never retried: retrying a failing login is how accounts get locked."""

    code = "login-failed"


class NoCredentials(LoginError):
    code = "no-credentials"
    hint = "Set LINKEDIN_PASSWORD (or LINKEDIN_LI_AT) in the environment or a .env file."


class WrongPassword(LoginError):
    code = "wrong-password"
    hint = "Check the password (sign in by hand once to be sure); the bot does not retry it."


class UnknownAccount(LoginError):
    code = "unknown-account"
    hint = "Check the email address: LinkedIn knows no account with it."


class AccountLocked(LoginError):
    code = "account-locked"
    hint = "Sign in to LinkedIn by hand and follow its steps to unlock the account, then run again."


class SessionExpired(LoginError):
    code = "session-expired"
    hint = "The li_at cookie is no longer valid: copy a fresh one or give the password."


class TwoFactorFailed(LoginError):
    code = "two-factor-failed"
    hint = "Check the TOTP secret: it must be the base32 key shown when the authenticator app was set up."


class PinRequired(LoginError):
    """LinkedIn sent a one-time PIN by email or SMS and there is no terminal to ask for it."""

    code = "needs-attention"
    person_must_act = True


class ChallengeRequired(LoginError):
    """A captcha or an unknown challenge that only a person can finish."""

    code = "challenge-required"
    person_must_act = True


class WrongAccount(LoginError):
    """The session the bot was given belongs to another member: nothing was done through it."""

    code = "wrong-account"
    hint = ("Give this account's own li_at cookie (copied while signed in as it), or its password, which the bot "
            "uses instead of another member's session.")


class IdentityUnknown(LoginError):
    """The bot could not read who a kept session or li_at cookie belongs to, so it did not use it."""

    code = "identity-unknown"
    hint = ("Give the account's password: a password login needs no such check. If this persists, LinkedIn's "
            "Settings > Email addresses page may have changed: run `optout probe`.")
