"""Getting a LinkedIn session: a live one in the profile, an li_at cookie, or email + password (+ challenges).

A failed login is never retried here: repeated scripted logins are how LinkedIn accounts get locked.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

import pyotp
from selenium.common.exceptions import InvalidCookieDomainException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

from flows import errors
from flows.base import Locator, LocatorTimeout, Page, PageMissing, SessionLost
from flows.identity import IDENTITY_CARD, PROFILE_LINKS, Addresses, name_on_page, read_addresses
from flows.locator import Strategy, find_each
from flows.objection_form import emails_on_form
from flows.person import Handoff, NobodyCame, wait_for_person

log = logging.getLogger("flows.login")

FEED_PATH = "/feed/"
LOGIN_PATH = "/login"

USERNAME = Locator("login email field", (
    (By.ID, "username"), (By.NAME, "session_key"), (By.CSS_SELECTOR, "input[autocomplete=username]")))
PASSWORD = Locator("login password field", (
    (By.ID, "password"), (By.NAME, "session_password"),
    (By.CSS_SELECTOR, "input[autocomplete=current-password]")))
SIGN_IN = Locator("sign-in button", (
    (By.CSS_SELECTOR, "form[action*='login-submit'] button[type=submit]"),
    (By.CSS_SELECTOR, "button[aria-label='Sign in']")))
LOGGED_IN = Locator("logged-in navigation", (
    (By.CSS_SELECTOR, ".global-nav__me"), (By.CSS_SELECTOR, ".global-nav__primary-link"),
    (By.CSS_SELECTOR, ".feed-identity-module"), (By.CSS_SELECTOR, "nav a[href$='/feed/']")))
WRONG_PASSWORD = Locator("password error", (
    (By.XPATH, "//*[@id='error-for-password'][normalize-space()]"),
    (By.XPATH, "//input[@autocomplete='current-password']/following::*[@role='alert'][1][normalize-space()]")))
UNKNOWN_ACCOUNT = Locator("email error", (
    (By.XPATH, "//*[@id='error-for-username'][normalize-space()]"),
    (By.XPATH, "//input[@autocomplete='username']/following::*[@role='alert'][1][normalize-space()]")))
UNKNOWN_CHECK = "a /checkpoint/ page with none of these is an unknown check: a person finishes it (--headed)"
RESTRICTED = Locator("account restricted notice", ((By.ID, "account-restricted"),), unmatched=UNKNOWN_CHECK)
REMEMBER_ME = Locator("remember-me prompt", (
    (By.CSS_SELECTOR, ".remember-me-prompt__form-primary button[type=submit]"),
    (By.CSS_SELECTOR, "button.remember-me-prompt__form-primary")))
EMAIL_PIN = Locator("email PIN challenge", ((By.ID, "email-pin-challenge"),))
SMS_PIN = Locator("SMS PIN challenge", (
    (By.ID, "sms-pin-challenge"), (By.CSS_SELECTOR, "form:has(#input__phone_verification_pin)")))
APP_CODE = Locator("authenticator challenge", (
    (By.ID, "app-challenge"),
    Strategy(By.CSS_SELECTOR, "form:has(input[name=pin], input[autocomplete=one-time-code])"
             ":not(:has(#input__email_verification_pin)):not(:has(#input__phone_verification_pin))",
             "a code form that is neither the email nor the SMS PIN", structural=True)))
CAPTCHA = Locator("captcha", ((By.CSS_SELECTOR, "iframe[src*='captcha']"), (By.ID, "captcha-challenge")))
CHALLENGE_ERROR = Locator("challenge error", (
    (By.XPATH, "//*[@id='challenge-error'][normalize-space()]"),
    Strategy(By.XPATH, "//form//*[@role='alert'][normalize-space()]", "a non-empty alert in the form",
             structural=True)))
PIN_INPUT = Locator("code input", (
    (By.NAME, "pin"),
    Strategy(By.CSS_SELECTOR, "input[autocomplete=one-time-code]", "one-time-code input", structural=True),
    Strategy(By.XPATH, ".//input[not(@type='hidden') and not(@type='submit')][1]", "the form's first input",
             structural=True)))
PIN_SUBMIT = Locator("code submit button", (
    (By.ID, "email-pin-submit-button"),
    Strategy(By.CSS_SELECTOR, "button[type=submit], button:not([type])", "the form's submit button",
             structural=True)))

LANDINGS = {"in": LOGGED_IN, "wrong-password": WRONG_PASSWORD, "unknown": UNKNOWN_ACCOUNT,
            "restricted": RESTRICTED, "remember": REMEMBER_ME, "email-pin": EMAIL_PIN, "sms-pin": SMS_PIN,
            "app": APP_CODE, "captcha": CAPTCHA}
_SOURCES = {"session": "session kept in the browser", "cookie": "li_at cookie", "password": "password login",
            "kept": "session kept from an earlier run"}
MAX_LOGIN_PAGES = 6
PIN_TRIES = 3
"""A person typing a PIN may mistype it; LinkedIn's challenge page takes another try without a new login."""


def _type_into(field: WebElement, text: str) -> None:
    """Replace what a field holds (LinkedIn may prefill the email of a member it remembers)."""
    if field.get_attribute("value"):
        field.clear()
    field.send_keys(text)


class _AuthenticatorCode(pyotp.TOTP):
    """RFC 6238 codes for any key an authenticator app takes: the site picks the key's length, not the bot
    (pyotp refuses keys under 112 bits, such as the 16-character keys some sites still hand out)."""

    min_secret_length_bits = 8


class SecretLike(Protocol):
    def reveal(self) -> str: ...


@dataclass(frozen=True)
class Credentials:
    email: str
    password: SecretLike | None = None
    totp_secret: SecretLike | None = None
    li_at: SecretLike | None = None
    kept: Mapping[str, SecretLike] | None = None  # cookies of a session kept from an earlier run (name -> value)


@dataclass(frozen=True)
class LoginOptions:
    """How to meet a person-only challenge: ask for a PIN (None: no terminal), or wait in a visible window."""

    ask_pin: Callable[[str], str | None] | None = None
    wait_for_person: bool = False
    challenge_timeout: float = 300.0


class LoginSession:
    """Logs one account in and keeps count, so a run makes at most one password login (plus one after expiry).

    Only a password login that got through counts: one that failed transiently (an error page, a lost answer)
    may be tried again by the caller's retry policy; one that LinkedIn refused raises and is never retried.
    """

    def __init__(self, page: Page, credentials: Credentials, options: LoginOptions) -> None:
        self.page = page
        self.credentials = credentials
        self.options = options
        self.password_logins = 0
        self.relogins = 0
        self.method: str | None = None
        self.foreign_cookie = False  # the li_at belongs to another member: never used again in this run
        self.refused: str | None = None  # why a session in the browser or the li_at was not used

    def ensure(self, reuse_session: bool = True) -> str:
        """Return how the session was obtained: "session", "kept", "cookie" or "password". Whatever the way, the
        signed-in member is checked to be this account before the session is used; another member's session
        is dropped, never acted on."""
        self.page.member_email = self.credentials.email
        if not reuse_session:
            self._forget_session()
        elif self._has_live_session() and self._is_member("session"):
            return self._done("session")
        if reuse_session and self.credentials.kept and self._restore_kept() and self._is_member("kept"):
            return self._done("kept")
        if self.credentials.li_at is not None and not self.foreign_cookie:
            if self._cookie_login():
                if self._is_member("cookie"):
                    return self._done("cookie")
            elif self.credentials.password is None:
                raise errors.SessionExpired("the li_at cookie did not give a LinkedIn session")
        if self.credentials.password is None and self.refused:
            raise self._refusal()
        method = self._password_login()
        if not self._is_member(method):
            raise self._refusal()
        return self._done(method)

    def _is_member(self, method: str) -> bool:
        """Is the signed-in member this account? Read from Settings > Email addresses (any of the member's
        addresses counts), else from the objection form's prefilled email. A password login that just
        succeeded is this account's even when neither can be read; a session or cookie then is not trusted."""
        shown = name_on_page(self.page.driver)  # the page a login lands on shows the member, if anything
        addresses = self._addresses()
        email = self.credentials.email
        if addresses is None and method == "password":
            log.warning("could not read who is signed in; the password login was for %s", email)
        elif addresses is None:
            self._drop(f"could not read who is signed in, so the {_SOURCES[method]} was not used")
            return False
        elif not addresses.include(email):
            self.foreign_cookie = self.foreign_cookie or method == "cookie"
            self._drop(f"the {_SOURCES[method]} is signed in as {addresses.shown()}, not {email}")
            return False
        self.page.member_name = shown.name or self.page.member_name
        self.page.memo[PROFILE_LINKS] = shown.profile_links
        self.page.memo[IDENTITY_CARD] = shown.card
        return True

    def _addresses(self) -> Addresses | None:
        try:
            return read_addresses(self.page)
        except (PageMissing, LocatorTimeout) as error:
            log.info("Settings > Email addresses could not be read (%s); trying the objection form", error)
        try:
            return emails_on_form(self.page)
        except (PageMissing, LocatorTimeout) as error:
            log.info("the objection form shows no email either (%s)", error)
        return None

    def _drop(self, why: str) -> None:
        """Sign the browser out (its cookies go), so that nothing is done through another member's session."""
        log.warning("%s; signing that session out", why)
        self.refused = why
        self.page.drop_preloads()
        self.page.driver.delete_all_cookies()
        self.page.driver.get(self.page.url(LOGIN_PATH))

    def _refusal(self) -> errors.LoginError:
        if self.refused and " signed in as " in self.refused:
            return errors.WrongAccount(self.refused)
        return errors.IdentityUnknown(self.refused or "could not read who is signed in")

    def _forget_session(self) -> None:
        log.info("the kept session was made with another password; signing in afresh")
        self.page.driver.get(self.page.url(LOGIN_PATH))
        self.page.driver.delete_all_cookies()
        self.page.driver.get(self.page.url(LOGIN_PATH))

    def relogin(self) -> str:
        """After LinkedIn ended the session mid-flow: log in again, once per run."""
        if self.relogins:
            raise errors.SessionExpired("LinkedIn ended the session again after a fresh login",
                                        hint="Run again later; the journal keeps what was done.")
        self.relogins += 1
        log.info("LinkedIn ended the session; signing in again")
        self.page.drop_preloads()  # loaded with the session that ended
        self.page.driver.delete_all_cookies()
        return self.ensure()

    def _done(self, method: str) -> str:
        self.method = method
        self.page.check_loaded()  # also learns how fast pages load, which decides on background tabs
        log.info("logged in by %s", method)
        return method

    def _has_live_session(self) -> bool:
        """The sign-in page sends a member with a live session on to the feed; where it shows the form instead,
        a session cookie in the browser is tried on the feed before any password is typed."""
        if self._landing_after(LOGIN_PATH) == "in":
            return True
        return self.page.driver.get_cookie("li_at") is not None and self._landing_after(FEED_PATH) == "in"

    def _landing_after(self, path: str) -> str:
        self.page.driver.get(self.page.url(path))
        landing, _ = self._landing({**LANDINGS, "login": USERNAME})
        return landing

    def _landing(self, landings: dict[str, Locator], timeout: float | None = None) -> tuple[str, WebElement]:
        """Wait for the first of `landings`; an error page (5xx, 429, a failed connection) is transient at once."""
        return self.page.first_of(landings, timeout, while_missing=self._raise_if_error_page)

    def _raise_if_error_page(self) -> None:
        with contextlib.suppress(SessionLost):  # a sign-in page: where a login is expected to be
            self.page.check_loaded()

    def _restore_kept(self) -> bool:
        """A session kept from an earlier run (perhaps on another grid node): its cookies, tried on the feed."""
        assert self.credentials.kept is not None
        secure = self.page.base_url.startswith("https://")
        with contextlib.suppress(InvalidCookieDomainException):
            for name, value in self.credentials.kept.items():
                self.page.driver.add_cookie({"name": name, "value": value.reveal(), "path": "/", "secure": secure,
                                             "httpOnly": name == "li_at"})
            if self._landing_after(FEED_PATH) == "in":
                return True
        for name in self.credentials.kept:
            self.page.driver.delete_cookie(name)
        return False

    def _cookie_login(self) -> bool:
        assert self.credentials.li_at is not None
        secure = self.page.base_url.startswith("https://")
        try:
            self.page.driver.add_cookie({"name": "li_at", "value": self.credentials.li_at.reveal(), "path": "/",
                                         "secure": secure, "httpOnly": True})
        except InvalidCookieDomainException:
            raise errors.PageChanged("could not set the li_at cookie on this site") from None
        if self._landing_after(FEED_PATH) == "in":
            return True
        self.page.driver.delete_cookie("li_at")
        return False

    def _password_login(self) -> str:
        if self.credentials.password is None:
            raise errors.NoCredentials("no password given and no live session")
        if self.password_logins > self.relogins:
            raise errors.LoginError("one more password login in this run was refused, to keep the account safe",
                                    hint="Run again later; the journal keeps what was done.")
        if USERNAME.find(self.page.driver) is None:
            self.page.driver.get(self.page.url(LOGIN_PATH))
        _type_into(self.page.find(USERNAME), self.credentials.email)
        _type_into(self.page.find(PASSWORD), self.credentials.password.reveal())
        self._click_and_leave(self.page.find(SIGN_IN))
        self._through_landings()
        self.password_logins += 1
        return "password"

    def _click_and_leave(self, element: WebElement) -> None:
        self.page.click_and_leave(element, "the next page after a click")

    def _through_landings(self) -> None:
        """From the page after "Sign in" to the logged-in feed, through prompts and challenges."""
        for _ in range(MAX_LOGIN_PAGES):
            try:
                landing, element = self._landing(LANDINGS)
            except LocatorTimeout:
                if "/checkpoint/" not in self.page.path:
                    raise
                self._wait_for_person(f"LinkedIn shows a check the bot does not know ({self.page.path})")
                continue
            log.debug("login: %s page at %s", landing, self.page.path)
            if landing == "in":
                return
            self._handle(landing, element)
        raise errors.LoginError("LinkedIn kept showing login pages",
                                hint="Sign in to LinkedIn by hand once to see what it asks for, then run again.")

    def _handle(self, landing: str, element: WebElement) -> None:
        if landing == "wrong-password":
            raise errors.WrongPassword(f"LinkedIn refused the password for {self.credentials.email}")
        if landing == "unknown":
            raise errors.UnknownAccount(f"LinkedIn knows no account {self.credentials.email}")
        if landing == "restricted":
            raise errors.AccountLocked(f"LinkedIn has restricted the account {self.credentials.email}")
        if landing == "remember":
            self._click_and_leave(element)
        elif landing in ("email-pin", "sms-pin"):
            self._enter_pin(landing, element)
        elif landing == "app" and not self._enter_code(element, self._totp_code()):
            raise errors.TwoFactorFailed("LinkedIn refused the authenticator code")
        elif landing == "captcha":
            self._wait_for_person("LinkedIn shows a captcha that a person must solve")

    def _enter_pin(self, landing: str, form: WebElement) -> None:
        where = "email" if landing == "email-pin" else "phone (SMS)"
        for tries_left in range(PIN_TRIES - 1, -1, -1):
            again = "" if tries_left == PIN_TRIES - 1 else " (the last one was refused; try again)"
            ask = self.options.ask_pin
            pin = ask(f"PIN LinkedIn sent to the account's {where}{again}") if ask else None
            if not pin:
                raise errors.PinRequired(f"LinkedIn sent a verification PIN to the account's {where}")
            if self._enter_code(form, pin):
                return
            log.warning("LinkedIn refused the PIN; %d tries left", tries_left)
            form = self.page.find(LANDINGS[landing])
        raise errors.LoginError("LinkedIn refused the PIN", hint="Run again and type the newest PIN LinkedIn "
                                                                  "sent; older ones stop working.")

    def _totp_code(self) -> str:
        if self.credentials.totp_secret is None:
            code = self.options.ask_pin("Code from the authenticator app") if self.options.ask_pin else None
            if code:
                return code
            raise errors.TwoFactorFailed("LinkedIn asks for an authenticator code and no TOTP secret is set",
                                         hint="Set LINKEDIN_TOTP_SECRET to the account's authenticator key.")
        try:
            return _AuthenticatorCode(self.credentials.totp_secret.reveal()).now()
        except (ValueError, TypeError):
            raise errors.TwoFactorFailed("the TOTP secret is not valid base32") from None

    def _enter_code(self, form: WebElement, code: str) -> bool:
        """Type a code into a challenge form and send it; False when LinkedIn said it was wrong."""
        self.page.find(PIN_INPUT, root=form).send_keys(code)
        self._click_and_leave(self.page.find(PIN_SUBMIT, root=form))
        landing, _ = self._landing({"refused": CHALLENGE_ERROR, **LANDINGS})
        return landing != "refused"

    def _wait_for_person(self, what: str) -> None:
        """Headed: wait until a person has finished the check in the window. Headless: a person must act later.

        No hint here on purpose: the runner's hint names the exact `--headed` command for this account.
        """
        if not self.options.wait_for_person:
            raise errors.ChallengeRequired(what)
        after = [locator for key, locator in LANDINGS.items() if key != "captcha"]
        handoff = Handoff(f"{what}: finish it", lambda driver: any(find_each(driver, after)),
                          "the page after LinkedIn's check")
        try:
            wait_for_person(self.page, handoff, self.options.challenge_timeout)
        except NobodyCame:
            raise errors.ChallengeRequired(
                "nobody finished LinkedIn's check in time",
                hint=f"Run again with --headed and finish the check in the window within "
                     f"{self.options.challenge_timeout:.0f} s (--challenge-timeout sets how long).") from None
