"""`optout batch`: many accounts in parallel, resumable after SIGKILL or Ctrl-C, reported per account."""

from __future__ import annotations

import csv
import json
import signal

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from tests.batch_helpers import duplicates, make_team, objections_filed, start_batch, wait_until
from tests.report_schema import report_problems

pytestmark = pytest.mark.browser


def _all_private(state: dict) -> bool:
    return all(not a["genai_training"] and len(a["objections"]) == 2 for a in state.values())


def _report(optout) -> dict:
    (report,) = optout.out.glob("*/report.json")
    return json.loads(report.read_text())


def test_twenty_accounts_with_two_workers_end_private_with_one_objection_of_each_kind(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 20)
    result = optout("batch", str(accounts), "--workers", "2", "--min-interval", "0", timeout=600)
    state = server.state()
    assert result.code == 0, result.output
    assert _all_private(state)
    assert duplicates(state) == []
    report = _report(optout)
    assert report_problems(report) == []
    assert report["counts"]["private"] == 20


def test_report_csv_has_a_row_per_account_and_flow(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 2)
    optout("batch", str(accounts), "--min-interval", "0", "--only", "genai-setting", "--only", "objection-form")
    (report,) = optout.out.glob("*/report.csv")
    rows = list(csv.DictReader(report.open()))
    assert len(rows) == 2 * 3
    assert {row["outcome"] for row in rows} == {"switched-off", "submitted"}


def test_resume_of_a_finished_run_starts_no_browser_and_logs_in_nowhere(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 3)
    optout("batch", str(accounts), "--min-interval", "0", "--only", "genai-setting")
    logins = {email: a["logins"] for email, a in server.state().items()}
    resumed = optout("batch", str(accounts), "--min-interval", "0", "--only", "genai-setting", "--resume",
                     env={"OPTOUT_BROWSER_PATH": "/nonexistent/browser"})
    assert resumed.code == 0, resumed.output
    assert {email: a["logins"] for email, a in server.state().items()} == logins


def test_resume_without_an_earlier_run_is_bad_input(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 1)
    result = optout("batch", str(accounts), "--resume")
    assert result.code == 2
    assert "--resume" in result.stderr


@pytest.mark.parametrize("kill_after_objections", [1, 5])
def test_sigkill_mid_batch_then_resume_ends_complete_without_duplicates(optout, server, tmp_path,
                                                                       kill_after_objections):
    accounts = make_team(server, tmp_path, 6)
    batch = start_batch(optout, accounts, "--workers", "2")
    wait_until(lambda: objections_filed(server.state()) >= kill_after_objections, what="objections to be filed")
    batch.send_signal(signal.SIGKILL)
    batch.wait()
    resumed = optout("batch", str(accounts), "--workers", "2", "--min-interval", "0", "--resume", timeout=600)
    state = server.state()
    assert resumed.code == 0, resumed.output
    assert _all_private(state)
    assert duplicates(state) == []


def test_sigkill_between_submit_and_journal_write_never_files_twice(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 1)
    server.add_fault({"kind": "slow-response", "path": "/help/linkedin/ask/TS-DPRO/submit", "ms": 30000,
                      "count": 1})
    batch = start_batch(optout, accounts, "--only", "objection-ai-training")
    wait_until(lambda: objections_filed(server.state()) == 1, what="the objection to be recorded")
    batch.send_signal(signal.SIGKILL)
    batch.wait()
    server.clear_faults()
    resumed = optout("batch", str(accounts), "--min-interval", "0", "--only", "objection-ai-training", "--resume")
    state = server.state()
    assert resumed.code == 0, resumed.output
    assert objections_filed(state) == 1
    flow = _report(optout)["accounts"][0]["flows"][0]
    assert flow["outcome"] == "submitted"
    assert flow["case_id"] == state["member01@example.com"]["objections"][0]["case_id"]


def test_ctrl_c_stops_cleanly_and_resume_finishes(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 4)
    batch = start_batch(optout, accounts, "--workers", "1", "--only", "genai-setting")
    wait_until(lambda: sum(not a["genai_training"] for a in server.state().values()) >= 1, what="one account done")
    batch.send_signal(signal.SIGINT)
    _, stderr = batch.communicate(timeout=120)
    assert batch.returncode == 1
    assert "--resume" in stderr
    resumed = optout("batch", str(accounts), "--min-interval", "0", "--only", "genai-setting", "--resume")
    assert resumed.code == 0, resumed.output
    assert all(not a["genai_training"] for a in server.state().values())


def test_check_audits_without_changing_anything(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 2)
    result = optout("check", str(accounts), "--min-interval", "0")
    state = server.state()
    assert result.code == 1
    assert all(a["genai_training"] and a["setting_saves"] == 0 and not a["objections"] for a in state.values())
    assert {f["outcome"] for a in _report(optout)["accounts"] for f in a["flows"]} == {"is-on", "not-submitted"}


def test_html_report_of_a_batch_shows_every_account_and_its_screenshots_in_chromium(optout, server, tmp_path):
    from bot.browser import BrowserOptions, make_driver

    accounts = make_team(server, tmp_path, 3)
    optout("batch", str(accounts), "--min-interval", "0", "--only", "genai-setting")
    (page,) = optout.out.glob("*/report.html")
    driver = make_driver(BrowserOptions(headless=True))
    try:
        driver.get(page.as_uri())
        shown = driver.find_element("tag name", "body").text
        driver.execute_script("document.querySelectorAll('details').forEach((group) => { group.open = true; })")
        loaded = "return [...document.images].every(i => i.complete)"
        WebDriverWait(driver, 10).until(lambda d: d.execute_script(loaded))
        images = driver.execute_script("return [...document.images].filter(i => i.naturalWidth > 0).length")
    finally:
        driver.quit()
    assert all(f"member{n:02d}@example.com" in shown for n in (1, 2, 3))
    assert images >= 3


def test_fail_fast_starts_no_account_after_the_first_failure(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 3)
    lines = accounts.read_text().splitlines()
    lines[1] = lines[1].replace("pw-01-Zq9!", "wrong-password")
    accounts.write_text("\n".join(lines) + "\n")
    result = optout("batch", str(accounts), "--workers", "1", "--min-interval", "0", "--fail-fast",
                    "--only", "genai-setting")
    statuses = {a["email"]: a["status"] for a in _report(optout)["accounts"]}
    assert result.code == 1
    assert statuses == {"member01@example.com": "failed", "member02@example.com": "pending",
                        "member03@example.com": "pending"}
    assert all(a["logins"] == 0 for e, a in server.state().items() if e != "member01@example.com")


def test_a_second_optout_on_the_same_results_folder_is_refused_with_the_first_ones_pid(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 4)
    first = start_batch(optout, accounts, "--workers", "1", "--only", "genai-setting")
    lock = optout.out / "journal.lock"
    wait_until(lambda: lock.exists() and lock.read_text().strip() == str(first.pid), what="the first run's lock")
    second = optout("batch", str(accounts), "--min-interval", "0", "--only", "genai-setting")
    first.communicate(timeout=600)
    assert second.code == 2, second.output
    assert f"in use by another optout process (pid {first.pid})" in second.stderr
    assert first.returncode == 0
    assert all(a["logins"] == 1 and a["setting_saves"] == 1 for a in server.state().values())


def test_a_resume_while_the_run_goes_on_waits_for_it_to_end_then_does_nothing_twice(optout, server, tmp_path):
    accounts = make_team(server, tmp_path, 4)
    first = start_batch(optout, accounts, "--workers", "1", "--only", "genai-setting")
    lock = optout.out / "journal.lock"
    wait_until(lambda: lock.exists() and lock.read_text().strip() == str(first.pid), what="the first run's lock")
    second = optout("batch", str(accounts), "--min-interval", "0", "--only", "genai-setting", "--resume")
    first.communicate(timeout=600)
    assert (first.returncode, second.code) == (0, 0), second.output
    assert f"in use by another optout process (pid {first.pid}); waiting for it to end" in second.stderr
    assert all(a["logins"] == 1 and a["setting_saves"] == 1 for a in server.state().values())
