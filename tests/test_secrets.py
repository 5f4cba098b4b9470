"""Secrets stay secret: after runs at -vv with distinctive secrets, no file the bot wrote and no line it printed
contains a password, TOTP secret, PIN or li_at cookie; results and profiles are private to the user."""

from __future__ import annotations

import stat
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

import sandbox
from tests.login_helpers import http_login, run_in_terminal

pytestmark = pytest.mark.browser

PASSWORD = "Leak-Canary-Pa55word-q7Z"
TOTP_SECRET = "LEAKTESTTOTPSECRETQZXWVUTS234567"
PIN = "918273"
DEAD_LI_AT = "AQEDAleakCanaryDeadLiAtCookie4b1d"
PASSWORD_STAMP = ".optout-password-stamp"


def test_no_secret_reaches_a_file_or_the_terminal(optout, server):
    server.add_account(sandbox.AccountSpec("tia@example.com", PASSWORD, challenge="totp", totp_secret=TOTP_SECRET))
    server.add_account(sandbox.AccountSpec("pia@example.com", PASSWORD, challenge="email-pin", pin=PIN))
    server.add_account(sandbox.AccountSpec("coo@example.com", PASSWORD))
    live_li_at = http_login(server.url, "coo@example.com", PASSWORD)
    printed = []

    # a dead cookie, then the password, then the authenticator code from the TOTP secret
    totp = optout.run("tia@example.com", PASSWORD, "-vv", "--only", "genai-setting",
                      env={"LINKEDIN_TOTP_SECRET": TOTP_SECRET, "LINKEDIN_LI_AT": DEAD_LI_AT})
    assert totp.code == 0, totp.output
    # a PIN challenge without a terminal (needs attention), then on a terminal with the PIN typed
    unattended = optout.run("pia@example.com", PASSWORD, "-vv", "--only", "genai-setting")
    assert unattended.code == 4, unattended.output
    typed = run_in_terminal(optout, "run", "-vv", "--only", "genai-setting", answers=[("PIN", PIN)],
                            env={"LINKEDIN_EMAIL": "pia@example.com", "LINKEDIN_PASSWORD": PASSWORD})
    assert typed.code == 0, typed.output
    # a live li_at cookie, named by --li-at-env
    cookie = optout("run", "-vv", "--only", "genai-setting", "--li-at-env", "COO_COOKIE",
                    env={"LINKEDIN_EMAIL": "coo@example.com", "COO_COOKIE": live_li_at})
    assert cookie.code == 0, cookie.output
    printed += [totp.output, unattended.output, typed.output, cookie.output]
    assert "DEBUG" in totp.stderr  # -vv really logged at debug level

    secrets = {"password": PASSWORD, "TOTP secret": TOTP_SECRET, "PIN": PIN, "dead li_at": DEAD_LI_AT,
               "live li_at": live_li_at}
    written = files_the_bot_wrote(optout.home)
    assert any(path.name == "journal.sqlite" for path in written)
    assert any(path.suffix == ".png" for path in written)
    contents = {path: path.read_bytes().lower() for path in written}  # lower: file names are lowercased
    for name, secret in secrets.items():
        forms = {form.lower().encode() for form in (secret, quote(secret), quote_plus(secret))}
        for path, content in contents.items():
            assert secret.lower() not in str(path.relative_to(optout.home)).lower(), f"the {name} names {path}"
            assert not any(form in content for form in forms), f"the {name} is in {path}"
        for text in printed:
            assert secret not in text, f"the {name} was printed"


def test_results_and_profiles_are_private_to_the_user(optout, server, account):
    from tests.conftest import PASSWORD as ACCOUNT_PASSWORD

    result = optout.run(account, ACCOUNT_PASSWORD, "--only", "genai-setting")
    assert result.code == 0, result.output
    written = files_the_bot_wrote(optout.home)
    assert {"journal.sqlite", "report.json", "report.csv", "report.html", PASSWORD_STAMP} <= {
        path.name for path in written}
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, f"{path} is readable by others"
    for folder in folders_the_bot_made(optout.home):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, f"{folder} is not 0700"


def files_the_bot_wrote(home: Path) -> list[Path]:
    """Every file under the results and profiles folders, except the browser's own files inside a profile
    (Chromium's cookie store legitimately holds the session); the bot's password stamp there is included."""
    results = [path for path in (home / "runs").rglob("*") if path.is_file()]
    profiles = home / "profiles"
    ours = [path for path in profiles.iterdir() if path.is_file()]
    ours += [path for path in profiles.glob(f"*/{PASSWORD_STAMP}")]
    return results + ours


def folders_the_bot_made(home: Path) -> list[Path]:
    runs, profiles = home / "runs", home / "profiles"
    return [runs, *(p for p in runs.rglob("*") if p.is_dir()), profiles, *(p for p in profiles.iterdir() if p.is_dir())]
