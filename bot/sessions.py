"""Sessions that travel: a verified login's LinkedIn cookies, kept per account so that a later run restores them.

On a Selenium Grid the browser profile lives on a node and vanishes with the session, so without this every run
would sign in with the password, which is what makes LinkedIn ask for checks. After a login whose member was
verified, the bot keeps `li_at` and `JSESSIONID` in `<profiles>/sessions/<account slug>.json` (folder 0700, file
0600, written atomically); the next run, on any node, restores them before it tries the password, and the identity
check applies to them like to any session. The values never reach a log (they join the log filter's secrets), a
report or the journal. Like a kept profile's session, they are not used when the user gives a password other than
the one that made them (a salted scrypt stamp of it is kept beside them), and they belong to one site.
`--forget-session` and `optout forget EMAIL` delete them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from selenium.webdriver.remote.webdriver import WebDriver

from bot import logs
from bot.accounts import Account
from bot.private_files import make_private_dir, write_private
from bot.secret import Secret
from bot.settings import Settings

log = logging.getLogger(__name__)

KEPT_COOKIES = ("li_at", "JSESSIONID")


def path(profiles_dir: Path, slug: str) -> Path:
    return profiles_dir / "sessions" / f"{slug}.json"


def _stamp(password: str, salt: bytes) -> str:
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=2**14, r=8, p=1)
    return f"{salt.hex()}:{digest.hex()}"


def _matches(stamp: str | None, password: str | None) -> bool:
    """A session made by a password login is not used with another password; one without a stamp may be."""
    if stamp is None or password is None:
        return True
    salt, _, _ = stamp.partition(":")
    try:
        return hmac.compare_digest(_stamp(password, bytes.fromhex(salt)), stamp)
    except ValueError:
        return False


def _read(file: Path) -> dict[str, Any] | None:
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) and isinstance(document.get("cookies"), dict) else None


def load(profiles_dir: Path, slug: str, base_url: str, password: str | None = None) -> dict[str, Secret] | None:
    """The kept cookies (name -> value) for this account at this site, or None when there are none to use."""
    document = _read(path(profiles_dir, slug))
    if document is None or document.get("base_url") != base_url:
        return None
    cookies = {name: str(value) for name, value in document["cookies"].items() if name in KEPT_COOKIES and value}
    logs.SECRETS.add(cookies.values())
    if "li_at" not in cookies:
        return None
    if not _matches(document.get("password_stamp"), password):
        log.info("the kept session was made with another password; it is not used")
        return None
    return {name: Secret(value) for name, value in cookies.items()}


def save(profiles_dir: Path, slug: str, base_url: str, cookies: Mapping[str, str], password: str | None = None) -> bool:
    """Keep the session cookies of a verified login (0600). `password`: the password login that made them (its
    stamp is kept); without it, the stamp already kept stays. False when there was no session cookie to keep."""
    kept = {name: value for name, value in cookies.items() if name in KEPT_COOKIES and value}
    logs.SECRETS.add(kept.values())
    if "li_at" not in kept:
        return False
    file = path(profiles_dir, slug)
    previous = _read(file) or {}
    stamp = _stamp(password, secrets.token_bytes(16)) if password is not None else (
        previous.get("password_stamp") if previous.get("base_url") == base_url else None)
    document = {"base_url": base_url, "password_stamp": stamp, "cookies": kept}
    try:
        make_private_dir(file.parent)
        write_private(file, json.dumps(document).encode("utf-8"))
    except OSError as error:
        log.warning("could not keep the session in %s (%s); the next run signs in again", file.parent,
                    error.strerror or error.__class__.__name__)
        return False
    return True


def forget(profiles_dir: Path, slug: str) -> bool:
    """Delete the account's kept session; True when there was one."""
    try:
        path(profiles_dir, slug).unlink()
    except FileNotFoundError:
        return False
    return True


def cookies_of(driver: WebDriver) -> dict[str, str]:
    """The session cookies the browser holds for the page it shows."""
    return {cookie["name"]: cookie["value"] for cookie in driver.get_cookies() if cookie.get("name") in KEPT_COOKIES}


def forget_account(profiles_dir: Path, slug: str) -> list[str]:
    """Delete all that keeps an account signed in: its kept cookies and its local browser profile (waiting for a
    run that has the profile open to finish). Returns what was deleted."""
    from bot.profiles import ProfileLock

    gone = ["kept session cookies"] if forget(profiles_dir, slug) else []
    if (profiles_dir / slug).is_dir():
        with ProfileLock(profiles_dir, slug) as profile:
            shutil.rmtree(profile)
        gone.append(f"browser profile {profiles_dir / slug}")
    return gone


def restore(settings: Settings, account: Account, password: str | None) -> dict[str, Secret] | None:
    """What a run's login tries before the password: this account's kept session, unless the run forgets it
    (`--forget-session`, which deletes it) or keeps no sessions at all (`--fresh-sessions`)."""
    if settings.forget_session:
        forget(settings.profiles_dir, account.slug)
        return None
    return load(settings.profiles_dir, account.slug, settings.base_url, password) if settings.keep_sessions else None


def keep(settings: Settings, account: Account, driver: WebDriver, password_login: str | None) -> None:
    """After a verified login: keep the browser's session cookies (`password_login`: the password, when that was
    how the session was made)."""
    if settings.keep_sessions:
        save(settings.profiles_dir, account.slug, settings.base_url, cookies_of(driver), password_login)
