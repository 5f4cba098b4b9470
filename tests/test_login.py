"""Every way into LinkedIn, end to end: kept sessions, li_at cookies, two-factor codes, PINs, captchas, expiry,
and the refusals that must never be retried. Real Chromium against the sandbox; asserted on its server-side record."""

from __future__ import annotations

import threading
import time

import pyotp
import pytest

import sandbox
from tests.conftest import PASSWORD
from tests.login_helpers import account_report, http_login, run_in_terminal

pytestmark = pytest.mark.browser

ONLY_AI = ("--only", "genai-setting")
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def add(server, email: str, **fields) -> str:
    server.add_account(sandbox.AccountSpec(email=email, password=fields.pop("password", PASSWORD), **fields))
    return email


# ---- sessions and cookies -----------------------------------------------------------------------------------


def test_li_at_cookie_gives_a_session_without_a_password_login(optout, server, account):
    li_at = http_login(server.url, account)
    result = optout("run", *ONLY_AI, env={"LINKEDIN_EMAIL": account, "LINKEDIN_LI_AT": li_at})
    state = server.state()[account]
    assert result.code == 0, result.output
    assert state["genai_training"] is False
    assert (state["logins"], state["login_attempts"]) == (1, 1)  # only the HTTP login above


def test_li_at_env_names_the_variable_that_holds_the_cookie(optout, server, account):
    li_at = http_login(server.url, account)
    result = optout("run", *ONLY_AI, "--li-at-env", "ANA_COOKIE",
                    env={"LINKEDIN_EMAIL": account, "ANA_COOKIE": li_at})
    assert result.code == 0, result.output
    assert server.state()[account]["logins"] == 1


def test_an_invalid_cookie_falls_back_to_the_password(optout, server, account):
    result = optout.run(account, PASSWORD, *ONLY_AI, env={"LINKEDIN_LI_AT": "AQEDAnot-a-live-session-cookie"})
    state = server.state()[account]
    assert result.code == 0, result.output
    assert state["genai_training"] is False
    assert (state["logins"], state["login_attempts"]) == (1, 1)


def test_an_invalid_cookie_without_a_password_is_session_expired(optout, server, account):
    result = optout("run", *ONLY_AI, env={"LINKEDIN_EMAIL": account, "LINKEDIN_LI_AT": "AQEDAexpired-cookie"})
    assert result.code == 1, result.output
    assert account_report(result)["error_code"] == "session-expired"
    assert "session-expired" in result.stdout
    assert "fresh one" in result.stdout  # the hint: copy a fresh cookie or give the password
    assert server.state()[account]["login_attempts"] == 0


# ---- two-factor, PINs, captchas -----------------------------------------------------------------------------


@pytest.mark.parametrize("secret", [TOTP_SECRET, "JBSWY3DPEHPK3PXP"], ids=["160-bit", "80-bit"])
def test_totp_secret_answers_the_authenticator_challenge(optout, server, secret):
    email = add(server, "tia@example.com", challenge="totp", totp_secret=secret)
    result = optout.run(email, PASSWORD, *ONLY_AI, env={"LINKEDIN_TOTP_SECRET": secret.lower()})
    state = server.state()[email]
    assert result.code == 0, result.output
    assert state["genai_training"] is False
    assert (state["logins"], state["login_attempts"]) == (1, 1)


def test_wrong_totp_secret_fails_once_and_clearly(optout, server):
    email = add(server, "tia@example.com", challenge="totp", totp_secret=TOTP_SECRET)
    result = optout.run(email, PASSWORD, *ONLY_AI, env={"LINKEDIN_TOTP_SECRET": pyotp.random_base32()})
    state = server.state()[email]
    assert result.code == 1, result.output
    assert account_report(result)["error_code"] == "two-factor-failed"
    assert "refused the authenticator code" in result.stdout and "TOTP secret" in result.stdout
    assert (state["logins"], state["login_attempts"]) == (0, 1)
    assert state["genai_training"] is True


def test_authenticator_challenge_without_a_secret_says_which_setting_is_missing(optout, server):
    email = add(server, "tia@example.com", challenge="totp", totp_secret=TOTP_SECRET)
    result = optout.run(email, PASSWORD, *ONLY_AI)
    assert result.code == 1, result.output
    assert account_report(result)["error_code"] == "two-factor-failed"
    assert "LINKEDIN_TOTP_SECRET" in result.stdout
    assert server.state()[email]["login_attempts"] == 1


@pytest.mark.parametrize("challenge", ["email-pin", "sms-pin"])
def test_pin_without_a_terminal_needs_attention_and_says_how_to_finish(optout, server, challenge):
    email = add(server, "pia@example.com", challenge=challenge, pin="246810")
    result = optout.run(email, PASSWORD, *ONLY_AI)
    report = account_report(result)
    assert result.code == 4, result.output
    assert (report["status"], report["error_code"]) == ("needs-attention", "needs-attention")
    assert f"LINKEDIN_EMAIL={email} optout run --base-url {server.url}" in result.stdout
    assert server.state()[email]["logins"] == 0


def test_the_command_that_finishes_a_login_keeps_the_flows_and_folders_of_the_run(optout, server, tmp_path):
    email = add(server, "pib@example.com", challenge="email-pin", pin="246810")
    out, profiles = tmp_path / "my results", tmp_path / "my profiles"
    result = optout.run(email, PASSWORD, *ONLY_AI, "--out", str(out), "--profiles", str(profiles))
    assert result.code == 4, result.output
    assert account_report(result)["hint"] == (
        f"Run in a terminal to enter the PIN: LINKEDIN_EMAIL={email} optout run --base-url {server.url} "
        f"--only genai-setting --out '{out}' --profiles '{profiles}'")


def test_pin_is_asked_for_on_the_terminal_and_entered(optout, server):
    email = add(server, "pia@example.com", challenge="email-pin", pin="246810")
    session = run_in_terminal(optout, "run", *ONLY_AI, env={"LINKEDIN_EMAIL": email, "LINKEDIN_PASSWORD": PASSWORD},
                              answers=[("PIN LinkedIn sent to the account's email", "246810")])
    state = server.state()[email]
    assert session.code == 0, session.output
    assert "246810" not in session.output  # asked hidden: the terminal did not echo it
    assert state["genai_training"] is False
    assert (state["logins"], state["login_attempts"]) == (1, 1)


def test_a_mistyped_pin_is_asked_for_again_without_a_new_login(optout, server):
    email = add(server, "pia@example.com", challenge="sms-pin", pin="246810")
    session = run_in_terminal(optout, "run", *ONLY_AI, env={"LINKEDIN_EMAIL": email, "LINKEDIN_PASSWORD": PASSWORD},
                              answers=[("PIN", "111111"), ("was refused; try again", "246810")])
    state = server.state()[email]
    assert session.code == 0, session.output
    assert "phone (SMS)" in session.output
    assert (state["logins"], state["login_attempts"]) == (1, 1)


def test_captcha_headless_is_challenge_required_with_a_headed_command(optout, server):
    email = add(server, "cai@example.com", challenge="captcha")
    result = optout.run(email, PASSWORD, *ONLY_AI)
    report = account_report(result)
    assert result.code == 4, result.output
    assert report["error_code"] == "challenge-required"
    assert "--headed" in report["hint"] and "--headed" in result.stdout
    assert server.state()[email]["login_attempts"] == 1


def test_unknown_check_headless_is_challenge_required_with_a_headed_command(optout, server):
    email = add(server, "unk@example.com", challenge="unknown")
    result = optout.run(email, PASSWORD, *ONLY_AI, "--timeout", "3")
    report = account_report(result)
    assert result.code == 4, result.output
    assert report["error_code"] == "challenge-required"
    assert "--headed" in result.stdout
    assert server.state()[email]["login_attempts"] == 1


def test_captcha_with_a_person_at_the_window_waits_then_continues(server, tmp_path):
    """The waiting, driven from Python; `tests/test_headed.py` does it through `optout run --headed` on Xvfb."""
    from bot.accounts import single_account
    from bot.batch import Job, execute
    from bot.secret import Secret
    from bot.settings import Settings
    from flows.login import LoginOptions

    email = add(server, "cai@example.com", challenge="captcha", remember_me_prompt=True)
    settings = Settings(base_url=server.url, headless=True, out_dir=tmp_path / "runs", profiles_dir=tmp_path / "p",
                        flows=("genai-setting",), timeout=8)
    account = single_account(email, Secret(PASSWORD), flows=["genai-setting"])
    solved = threading.Event()

    def person() -> None:  # solves the captcha once the bot shows it (the sandbox answers 0 before that)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not server.solve_captcha(email):
            solved.wait(0.2)
        solved.set()

    helper = threading.Thread(target=person, daemon=True)
    helper.start()
    run = execute(Job(settings, [account], "run", f"account:{email}",
                      login_options=LoginOptions(wait_for_person=True, challenge_timeout=60)))
    helper.join(5)
    assert solved.is_set()
    assert run.accounts[0].status == "private", run.accounts[0]
    state = server.state()[email]
    assert state["genai_training"] is False
    assert (state["logins"], state["login_attempts"]) == (1, 1)


def test_captcha_nobody_solves_in_time_is_challenge_required(server, tmp_path):
    from bot.accounts import single_account
    from bot.batch import Job, execute
    from bot.secret import Secret
    from bot.settings import Settings
    from flows.login import LoginOptions

    email = add(server, "cai@example.com", challenge="captcha")
    settings = Settings(base_url=server.url, out_dir=tmp_path / "runs", profiles_dir=tmp_path / "p", timeout=8)
    account = single_account(email, Secret(PASSWORD), flows=["genai-setting"])
    run = execute(Job(settings, [account], "run", f"account:{email}",
                      login_options=LoginOptions(wait_for_person=True, challenge_timeout=1.5)))
    result = run.accounts[0]
    assert (result.status, result.error_code) == ("needs-attention", "challenge-required")
    assert "in time" in result.message and "--challenge-timeout" in result.hint


def test_remember_me_prompt_is_passed(optout, server):
    email = add(server, "rem@example.com", remember_me_prompt=True)
    result = optout.run(email, PASSWORD, *ONLY_AI)
    state = server.state()[email]
    assert result.code == 0, result.output
    assert state["genai_training"] is False
    assert state["logins"] == 1


# ---- expiry and refusals ------------------------------------------------------------------------------------


def test_session_expiring_mid_run_logs_in_once_more_and_repeats_nothing(optout, server):
    # The 8th member page of this run (after the first objection was filed) finds the session ended.
    email = add(server, "exp@example.com", expire_session_after=7)
    result = optout.run(email, PASSWORD, "--only", "genai-setting", "--only", "objection-form")
    state = server.state()[email]
    assert result.code == 0, result.output
    assert state["setting_saves"] == 1
    assert sorted(o["type"] for o in state["objections"]) == ["ai-training", "personalization-ml"]
    assert (state["logins"], state["login_attempts"]) == (2, 2)
    assert "objection-ai-training: submitted" in result.stdout


def test_session_expiring_mid_setting_is_not_switched_twice(optout, server):
    # The 4th member page (feed, email addresses, setting, then reading the switch back after the click) finds the
    # session ended.
    email = add(server, "exq@example.com", expire_session_after=3)
    result = optout.run(email, PASSWORD, *ONLY_AI)
    state = server.state()[email]
    assert result.code == 0, result.output
    assert result.stdout.strip() == "genai-setting: switched-off"  # by this run, not "already-off"
    assert state["genai_training"] is False
    assert state["setting_saves"] == 1
    assert state["logins"] == 2


def test_a_session_that_keeps_expiring_gets_one_fresh_login_not_a_storm(optout, server):
    email = add(server, "exr@example.com", expire_session_after=2)
    result = optout.run(email, PASSWORD, "--only", "genai-setting", "--only", "objection-form")
    state = server.state()[email]
    assert result.code == 1, result.output
    assert "ended the session again" in result.stdout
    assert (state["logins"], state["login_attempts"]) == (2, 2)
    assert state["objections"] == []


@pytest.mark.parametrize(("spec", "login_as", "code", "hint"), [
    ({"email": "wes@example.com"}, ("wes@example.com", "not-the-password"), "wrong-password", "Check the password"),
    ({"email": "wes@example.com"}, ("nobody@example.com", PASSWORD), "unknown-account", "Check the email"),
    ({"email": "loc@example.com", "locked": True}, ("loc@example.com", PASSWORD), "account-locked", "by hand"),
])
def test_refused_logins_are_distinct_and_never_retried(optout, server, spec, login_as, code, hint):
    add(server, **spec)
    result = optout.run(*login_as, *ONLY_AI)
    report = account_report(result)
    assert result.code == 1, result.output
    assert report["error_code"] == code
    assert code in result.stdout and hint in result.stdout
    assert server.state()[spec["email"]]["login_attempts"] == (1 if login_as[0] == spec["email"] else 0)


def test_a_login_that_failed_transiently_is_tried_once_more(optout, server, account):
    server.add_fault({"kind": "error", "status": 503, "path": "/checkpoint/lg/login-submit", "count": 1})
    result = optout.run(account, PASSWORD, *ONLY_AI)
    state = server.state()[account]
    assert result.code == 0, result.output
    assert (state["logins"], state["login_attempts"]) == (1, 1)  # the 503 never reached the login


def test_a_login_whose_answer_was_lost_is_tried_once_more(optout, server, account):
    server.add_fault({"kind": "lost-response", "path": "/checkpoint/lg/login-submit", "count": 1})
    result = optout.run(account, PASSWORD, *ONLY_AI)
    state = server.state()[account]
    assert result.code == 0, result.output
    assert (state["logins"], state["login_attempts"]) == (2, 2)
