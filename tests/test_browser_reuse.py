"""Fresh sessions with a reused browser: a worker keeps its browser between accounts, and wipes it in between."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver

import bot.browsers
from bot.accounts import load_accounts, single_account
from bot.batch import BatchOptions, Job, execute
from bot.browsers import browser_source
from bot.settings import Settings
from tests.batch_helpers import make_team

pytestmark = pytest.mark.browser


def test_next_account_on_a_reused_browser_never_sees_the_last_accounts_session(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 3)
    result = optout("batch", str(accounts), "--fresh-sessions", "--reuse-browser", "--workers", "1",
                    "--min-interval", "0", "--only", "genai-setting")
    state = server.state()
    assert result.code == 0, result.output
    assert all(a["logins"] == 1 and a["setting_saves"] == 1 and not a["genai_training"] for a in state.values())


def test_fresh_sessions_leave_no_profile_behind(optout, server, tmp_path, monkeypatch):
    # Fresh profiles are made in the system temp folder (tempfile.mkdtemp in bot/browsers.py): look there.
    made: list[Path] = []
    mkdtemp = tempfile.mkdtemp

    def recording_mkdtemp(*args, **kwargs) -> str:
        made.append(Path(mkdtemp(*args, **kwargs)))
        return str(made[-1])

    monkeypatch.setattr(tempfile, "mkdtemp", recording_mkdtemp)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the system temp folder, for this test
    accounts = make_team(server, tmp_path, 2)
    settings = Settings(base_url=server.url, out_dir=tmp_path / "out", profiles_dir=optout.home / "profiles",
                        keep_sessions=False, flows=("genai-setting",))

    run = execute(Job(settings, load_accounts(accounts, {}).accounts, "batch", str(accounts)))

    assert [account.status for account in run.accounts] == ["private", "private"]
    profiles = [path for path in made if path.name.startswith("optout-profile-")]
    assert profiles and all(path.parent == tmp_path for path in profiles)
    assert [path for path in profiles if path.exists()] == []
    assert list(tmp_path.glob("optout-profile-*")) == []
    kept = optout.home / "profiles"
    assert not kept.exists() or not any(p.is_dir() for p in kept.iterdir())


def test_fresh_sessions_log_in_again_on_every_run(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 1)
    for _ in range(2):
        optout("batch", str(accounts), "--fresh-sessions", "--min-interval", "0", "--only", "genai-setting")
    assert server.state()["member01@example.com"]["logins"] == 2


def test_each_account_on_a_reused_browser_starts_in_a_new_tab_with_the_last_one_closed(server, tmp_path):
    # A new tab drops the last account's page process, history and memory (a reused tab grew ~17 MiB an account).
    settings = Settings(base_url=server.url, out_dir=tmp_path / "out", keep_sessions=False, reuse_browser=True)
    browsers = browser_source(settings)
    try:
        with browsers.lease(single_account("a@example.com", "pw")) as first:
            first.driver.get(server.url + "/login")
            first_tab = first.driver.current_window_handle
        with browsers.lease(single_account("b@example.com", "pw")) as second:
            assert second.driver is first.driver
            assert second.driver.window_handles == [second.driver.current_window_handle]
            assert second.driver.current_window_handle != first_tab
    finally:
        browsers.close()


def test_a_reused_browser_whose_wipe_failed_is_retired_and_the_next_account_signs_in_on_a_new_one(
        server, tmp_path, monkeypatch, caplog):
    # Without the retirement, member02 would be acted on through member01's session, still in the browser.
    failed: list[str] = []

    def delete_or_fail_once(driver):
        if not failed and driver.current_url.endswith("/robots.txt"):  # the wipe's page, not a login's
            failed.append(driver.session_id)
            raise WebDriverException("injected: the cookies could not be deleted")
        return delete_all_cookies(driver)

    delete_all_cookies, make_driver, started = WebDriver.delete_all_cookies, bot.browsers.make_driver, []
    monkeypatch.setattr(WebDriver, "delete_all_cookies", delete_or_fail_once)
    monkeypatch.setattr(bot.browsers, "make_driver", lambda *args: started.append(1) or make_driver(*args))
    csv = make_team(server, tmp_path, 3)
    settings = Settings(base_url=server.url, out_dir=tmp_path / "out", keep_sessions=False, reuse_browser=True,
                        flows=("genai-setting",))
    job = Job(settings, load_accounts(csv, {}).accounts, "batch", str(csv), options=BatchOptions(workers=1))

    run = execute(job)

    state = server.state()
    assert [a.status for a in run.accounts] == ["private"] * 3
    assert all(a["logins"] == 1 and a["setting_saves"] == 1 and not a["genai_training"] for a in state.values())
    assert len(started) == 2  # member01's browser retired; member02's reused for member03
    assert any(r.levelname == "WARNING" and "member01@example.com: could not wipe the browser" in r.getMessage()
               for r in caplog.records)
