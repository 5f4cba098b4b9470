"""`optout run`, end to end: real Chromium against the sandbox, asserted on the sandbox's server-side record."""

from __future__ import annotations

import json

import pytest

import sandbox
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_run_switches_the_ai_setting_off_and_files_both_objections(optout, server, account):
    result = optout.run(account)
    state = server.state()[account]
    assert result.code == 0, result.output
    assert state["genai_training"] is False
    assert state["partner_sharing"] is False
    assert sorted(o["type"] for o in state["objections"]) == ["ai-training", "personalization-ml"]
    assert "genai-setting: switched-off" in result.stdout
    for objection in state["objections"]:
        assert f"submitted {objection['case_id']}" in result.stdout


def test_second_run_changes_and_submits_nothing(optout, server, account):
    optout.run(account)
    saves = server.state()[account]["setting_saves"]
    second = optout.run(account)
    state = server.state()[account]
    assert second.code == 0, second.output
    assert state["setting_saves"] == saves
    assert len(state["objections"]) == 2
    assert "genai-setting: already-off" in second.stdout
    assert "objection-ai-training: already-submitted" in second.stdout


def test_setting_already_off_is_left_alone(optout, server):
    server.add_account(sandbox.AccountSpec(email="bo@example.com", password=PASSWORD, genai_training=False))
    result = optout.run("bo@example.com", PASSWORD, "--only", "genai-setting")
    assert result.code == 0, result.output
    assert result.stdout.strip() == "genai-setting: already-off"
    assert server.state()["bo@example.com"]["setting_saves"] == 0


def test_objection_on_the_cases_page_is_not_filed_again(optout, server, account, tmp_path):
    optout.run(account, PASSWORD, "--only", "objection-ai-training")
    fresh_results = str(tmp_path / "other-runs")
    again = optout.run(account, PASSWORD, "--only", "objection-form", env={"OPTOUT_OUT": fresh_results})
    types = [o["type"] for o in server.state()[account]["objections"]]
    assert again.code == 0, again.output
    assert sorted(types) == ["ai-training", "personalization-ml"]
    assert "objection-ai-training: already-submitted" in again.stdout


def test_wrong_password_exits_1_with_a_clear_message_and_no_retry(optout, server, account):
    result = optout.run(account, "not-the-password")
    state = server.state()[account]
    assert result.code == 1
    assert "refused the password" in result.stdout
    assert state["login_attempts"] == 1
    assert state["genai_training"] is True


def test_unknown_account_is_reported_as_such(optout, server, account):
    result = optout.run("nobody@example.com", "whatever-pass")
    assert result.code == 1
    assert "nobody@example.com: failed (unknown-account): LinkedIn knows no account nobody@example.com" \
        in result.stdout.splitlines()


def test_dry_run_changes_nothing_and_says_what_would_change(optout, server, account):
    result = optout.run(account, PASSWORD, "--dry-run")
    state = server.state()[account]
    assert result.code == 1, result.output
    assert "genai-setting: would-change" in result.stdout
    assert state["genai_training"] is True
    assert state["objections"] == []
    assert state["setting_saves"] == 0


def test_only_runs_the_named_flow(optout, server, account):
    result = optout.run(account, PASSWORD, "--only", "genai-setting")
    state = server.state()[account]
    assert result.code == 0, result.output
    assert state["genai_training"] is False
    assert state["objections"] == []
    assert state["partner_sharing"] is True


def test_json_prints_the_report_on_stdout(optout, server, account):
    from tests.report_schema import report_problems

    result = optout.run(account, PASSWORD, "--json", "--only", "objection-ai-training")
    document = json.loads(result.stdout)
    assert report_problems(document) == []
    flow = document["accounts"][0]["flows"][0]
    assert flow["outcome"] == "submitted"
    assert flow["case_id"] == server.state()[account]["objections"][0]["case_id"]


def test_run_leaves_screenshots_and_reports_behind(optout, server, account):
    optout.run(account, PASSWORD, "--only", "genai-setting")
    (run_folder,) = [p for p in optout.out.iterdir() if p.is_dir()]
    shots = sorted(p.name for p in run_folder.glob("evidence/*/*.png"))
    assert any("genai-setting-before" in name for name in shots)
    assert any("genai-setting-after" in name for name in shots)
    assert {"report.json", "report.csv", "report.html"} <= {p.name for p in run_folder.iterdir()}


def test_missing_browser_exits_3_and_says_what_it_tried(optout, account):
    result = optout.run(account, PASSWORD, "--browser-path", "/nonexistent/chromium")
    assert result.code == 3
    assert "/nonexistent/chromium" in result.stderr
    assert "apt-get install" in result.stderr


def test_second_run_reuses_the_kept_session_without_logging_in(optout, server, account):
    optout.run(account, PASSWORD, "--only", "genai-setting")
    again = optout.run(account, PASSWORD, "--only", "genai-setting")
    assert again.code == 0, again.output
    assert server.state()[account]["logins"] == 1


def test_a_kept_session_is_used_even_where_the_sign_in_page_does_not_send_it_to_the_feed(optout, server, account):
    server.set_variants(["login-form-when-signed-in"])
    optout.run(account, PASSWORD, "--only", "genai-setting")
    again = optout.run(account, PASSWORD, "--only", "genai-setting")
    assert again.code == 0, again.output
    assert server.state()[account]["logins"] == 1


def test_wrong_password_is_noticed_even_with_a_kept_session(optout, server, account):
    optout.run(account, PASSWORD, "--only", "genai-setting")
    wrong = optout.run(account, "not-the-password", "--only", "genai-setting")
    assert wrong.code == 1
    assert "refused the password" in wrong.stdout
