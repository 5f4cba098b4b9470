"""Getting a LinkedIn session: a live one in the profile, an li_at cookie, or email + password (+ challenges).

A failed login is never retried here: repeated scripted logins are how LinkedIn accounts get locked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import pyotp
from selenium.common.exceptions import InvalidCookieDomainException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.expected_conditions import staleness_of

from flows import errors
from flows.base import Locator, LocatorTimeout, Page

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
    (By.CSS_SELECTOR, ".feed-identity-module")))
MEMBER_NAME = Locator("member name", ((By.CSS_SELECTOR, ".feed-identity-module h2"),))
WRONG_PASSWORD = Locator("password error", ((By.XPATH, "//*[@id='error-for-password'][normalize-space()]"),))
UNKNOWN_ACCOUNT = Locator("email error", ((By.XPATH, "//*[@id='error-for-username'][normalize-space()]"),))
RESTRICTED = Locator("account restricted notice", ((By.ID, "account-restricted"),))
REMEMBER_ME = Locator("remember-me prompt", (
    (By.CSS_SELECTOR, ".remember-me-prompt__form-primary button[type=submit]"),
    (By.CSS_SELECTOR, "button.remember-me-prompt__form-primary")))
EMAIL_PIN = Locator("email PIN challenge", ((By.ID, "email-pin-challenge"),))
SMS_PIN = Locator("SMS PIN challenge", ((By.ID, "sms-pin-challenge"),))
APP_CODE = Locator("authenticator challenge", ((By.ID, "app-challenge"),))
CAPTCHA = Locator("captcha", ((By.CSS_SELECTOR, "iframe[src*='captcha']"), (By.ID, "captcha-challenge")))
CHALLENGE_ERROR = Locator("challenge error", ((By.XPATH, "//*[@id='challenge-error'][normalize-space()]"),))

LANDINGS = {"in": LOGGED_IN, "wrong-password": WRONG_PASSWORD, "unknown": UNKNOWN_ACCOUNT,
            "restricted": RESTRICTED, "remember": REMEMBER_ME, "email-pin": EMAIL_PIN, "sms-pin": SMS_PIN,
            "app": APP_CODE, "captcha": CAPTCHA}
MAX_LOGIN_PAGES = 6


class SecretLike(Protocol):
    def reveal(self) -> str: ...


@dataclass(frozen=True)
class Credentials:
    email: str
    password: SecretLike | None = None
    totp_secret: SecretLike | None = None
    li_at: SecretLike | None = None


@dataclass(frozen=True)
class LoginOptions:
    """How to meet a person-only challenge: ask for a PIN (None: no terminal), or wait in a visible window."""

    ask_pin: Callable[[str], str | None] | None = None
    wait_for_person: bool = False
    challenge_timeout: float = 300.0


class LoginSession:
    """Logs one account in and keeps count, so a run makes at most one password login (plus one after expiry)."""

    def __init__(self, page: Page, credentials: Credentials, options: LoginOptions) -> None:
        self.page = page
        self.credentials = credentials
        self.options = options
        self.password_logins = 0
        self.method: str | None = None

    def ensure(self, reuse_session: bool = True) -> str:
        """Return how the session was obtained: "session", "cookie" or "password"."""
        self.page.member_email = self.credentials.email
        if not reuse_session:
            self._forget_session()
        elif self._landing_after(FEED_PATH) == "in":
            return self._done("session")
        if self.credentials.li_at is not None:
            if self._cookie_login():
                return self._done("cookie")
            if self.credentials.password is None:
                raise errors.SessionExpired("the li_at cookie did not give a LinkedIn session")
        return self._done(self._password_login())

    def _forget_session(self) -> None:
        log.info("the kept session was made with another password; signing in afresh")
        self.page.driver.get(self.page.url(LOGIN_PATH))
        self.page.driver.delete_all_cookies()
        self.page.driver.get(self.page.url(LOGIN_PATH))

    def relogin(self) -> str:
        """After LinkedIn ended the session mid-flow: log in again, once."""
        if self.password_logins > 1:
            raise errors.SessionExpired("LinkedIn ended the session again after a fresh login")
        self.page.driver.delete_all_cookies()
        return self.ensure()

    def _done(self, method: str) -> str:
        self.method = method
        found = MEMBER_NAME.find(self.page.driver)
        if found:
            self.page.member_name = found[0].text.strip() or self.page.member_name
        log.info("logged in by %s", method)
        return method

    def _landing_after(self, path: str) -> str:
        self.page.driver.get(self.page.url(path))
        landing, _ = self.page.first_of({**LANDINGS, "login": USERNAME})
        return landing

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
        if self.password_logins > 1:
            raise errors.LoginError("a second password login in one run was refused")
        if USERNAME.find(self.page.driver) is None:
            self.page.driver.get(self.page.url(LOGIN_PATH))
        username = self.page.find(USERNAME)
        username.clear()
        username.send_keys(self.credentials.email)
        password = self.page.find(PASSWORD)
        password.clear()
        password.send_keys(self.credentials.password.reveal())
        self.password_logins += 1
        self._click_and_leave(self.page.find(SIGN_IN))
        return self._through_landings()

    def _click_and_leave(self, element: WebElement) -> None:
        """Click something that navigates, and wait until the old page is gone."""
        element.click()
        self.page.wait(staleness_of(element), "the next page after a click")

    def _through_landings(self) -> str:
        for _ in range(MAX_LOGIN_PAGES):
            try:
                landing, element = self.page.first_of(LANDINGS)
            except LocatorTimeout:
                if "/checkpoint/" in self.page.path:
                    raise errors.ChallengeRequired(f"LinkedIn shows a check the bot does not know "
                                                   f"({self.page.path})") from None
                raise
            if landing == "in":
                return "password"
            self._handle(landing, element)
        raise errors.LoginError("LinkedIn kept showing login pages")

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
            self._enter_code(element, self._ask_pin(landing), errors.LoginError("LinkedIn refused the PIN"))
        elif landing == "app":
            self._enter_code(element, self._totp_code(),
                             errors.TwoFactorFailed("LinkedIn refused the authenticator code"))
        elif landing == "captcha":
            self._wait_for_person()

    def _ask_pin(self, landing: str) -> str:
        where = "email" if landing == "email-pin" else "phone (SMS)"
        pin = self.options.ask_pin(f"PIN LinkedIn sent to the account's {where}") if self.options.ask_pin else None
        if not pin:
            raise errors.PinRequired(f"LinkedIn sent a verification PIN to the account's {where}")
        return pin

    def _totp_code(self) -> str:
        if self.credentials.totp_secret is None:
            raise errors.TwoFactorFailed("LinkedIn asks for an authenticator code and no TOTP secret is set",
                                         hint="Set LINKEDIN_TOTP_SECRET to the account's authenticator key.")
        try:
            return pyotp.TOTP(self.credentials.totp_secret.reveal()).now()
        except (ValueError, TypeError):
            raise errors.TwoFactorFailed("the TOTP secret is not valid base32") from None

    def _enter_code(self, form: WebElement, code: str, refused: errors.LoginError) -> None:
        form.find_element(By.NAME, "pin").send_keys(code)
        self._click_and_leave(form.find_element(By.CSS_SELECTOR, "button"))
        landing, _ = self.page.first_of({"refused": CHALLENGE_ERROR, **LANDINGS})
        if landing == "refused":
            raise refused

    def _wait_for_person(self) -> None:
        if not self.options.wait_for_person:
            raise errors.ChallengeRequired("LinkedIn shows a captcha that a person must solve",
                                           hint="Run again with --headed and solve it in the window.")
        log.warning("waiting up to %.0f s for a person to finish LinkedIn's check in the browser window",
                    self.options.challenge_timeout)
        try:
            self.page.find(LOGGED_IN, timeout=self.options.challenge_timeout)
        except LocatorTimeout:
            raise errors.ChallengeRequired("nobody finished LinkedIn's check in time") from None
