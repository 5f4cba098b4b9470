"""--remote-url against a real Selenium Grid (the 4.48.0 jar on 127.0.0.1): a standalone server, a hub with nodes,
a node lost mid-batch, a grid with no free slot, a hub that is down; asserted on the sandbox's own record."""

from __future__ import annotations

import json

import pytest

from bot.accounts import Account
from tests import grid_helpers as grids
from tests.batch_helpers import duplicates, make_team, objections_filed, start_batch, wait_until
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
grid, two_nodes = grids.grid, grids.two_nodes  # fixtures: a standalone grid (per module), a hub + 2 nodes (per test)

PLAN = ("--only", "genai-setting", "--only", "objection-ai-training")
SWITCH = ("--only", "genai-setting")  # where objections add nothing to what a test proves


def _private(state: dict, email: str) -> bool:
    account = state[email]
    return account["genai_training"] is False and [o["type"] for o in account["objections"]] == ["ai-training"]


def _report(optout) -> dict:
    [report] = sorted(optout.out.glob("*/report.json"))
    return json.loads(report.read_text())


def test_run_through_a_standalone_grid_opts_the_account_out(optout, server, account, grid):
    result = optout.run(account, PASSWORD, "--remote-url", grid.url)
    state = server.state()[account]
    assert result.code == 0, result.output
    assert state["genai_training"] is False and state["partner_sharing"] is False
    assert sorted(o["type"] for o in state["objections"]) == ["ai-training", "personalization-ml"]


def test_batch_of_four_through_a_standalone_grid_with_two_workers(optout, server, tmp_path, grid):
    accounts = make_team(server, tmp_path, 4)
    result = optout("batch", str(accounts), "--remote-url", grid.url, "--workers", "2", "--min-interval", "0",
                    *SWITCH)
    state = server.state()
    assert result.code == 0, result.output
    assert len(state) == 4 and all(member["genai_training"] is False for member in state.values())


def test_a_batch_over_a_hub_uses_both_nodes_and_losing_one_costs_only_a_retry(optout, server, tmp_path, two_nodes):
    accounts = make_team(server, tmp_path, 6)
    batch = start_batch(optout, accounts, "--remote-url", two_nodes.url, "--workers", "2", *PLAN)
    busy: dict[str, list[str]] = {}

    def mid_batch() -> bool:
        busy.update((url, ids) for url, ids in grids.sessions_by_node(two_nodes.status() or {}).items() if ids)
        return len(busy) == 2 and objections_filed(server.state()) >= 1

    wait_until(mid_batch, timeout=120, what="sessions on both nodes (the hub's /status) and an objection filed")
    [lost] = [node for node in two_nodes.nodes if node.url == sorted(busy)[0]]
    lost.kill()  # SIGKILL to the node, its chromedriver and its browser, mid-account
    stdout, stderr = batch.communicate(timeout=240)
    state = server.state()
    assert batch.returncode == 0, stdout + stderr
    assert len(state) == 6 and all(_private(state, email) for email in state)
    assert duplicates(state) == []  # nothing filed twice
    accounts = _report(optout)["accounts"]
    retried = [account for account in accounts if account["browser_restarts"]]
    assert retried and all("retried" in account["message"] for account in retried), accounts
    assert all(account["email"] in stderr for account in retried)  # named in the summary too


def test_a_grid_without_a_free_slot_then_stopped_is_exit_3_saying_which(optout, server, account, tmp_path):
    grids.available()
    hub = grids.start_hub(tmp_path, request_timeout=3)  # no node has joined: every request waits in its queue
    try:
        full = optout.run(account, PASSWORD, "--remote-url", hub.url)
    finally:
        hub.stop()
    assert full.code == 3, full.output
    assert f"error: the grid at {hub.url} had no free slot for a chromium" in full.stderr, full.stderr
    assert "--workers" in full.stderr and "page" not in full.stderr.lower(), full.stderr

    stopped = optout("batch", str(make_team(server, tmp_path, 2)), "--remote-url", hub.url, "--min-interval", "0")
    assert stopped.code == 3, stopped.output
    errors = [line for line in stopped.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and hub.url in errors[0] and "Traceback" not in stopped.stderr, stopped.stderr
    assert all(not member["setting_saves"] for member in server.state().values())


def test_a_session_kept_from_one_run_is_restored_by_the_next_on_the_grid(optout, server, account, grid):
    first = optout.run(account, PASSWORD, "--remote-url", grid.url, *SWITCH)
    assert first.code == 0, first.output
    kept = optout.home / "profiles" / "sessions" / f"{Account(account).slug}.json"
    cookies = json.loads(kept.read_text())["cookies"]
    assert set(cookies) == {"li_at", "JSESSIONID"}
    assert kept.stat().st_mode & 0o777 == 0o600 and kept.parent.stat().st_mode & 0o777 == 0o700

    second = optout.run(account, PASSWORD, "--remote-url", grid.url, "-vv", *SWITCH)  # a new browser, no profile
    assert second.code == 0, second.output
    assert "logged in by kept" in second.stderr
    assert server.state()[account]["logins"] == 1  # one password login over both runs

    written = b"".join(path.read_bytes() for path in optout.out.rglob("*") if path.is_file())
    for value in cookies.values():
        assert value.encode() not in written  # reports, journal, evidence
        assert value not in first.output + second.output  # logs at -vv, the summary

    forgotten = optout("forget", account)
    assert forgotten.code == 0 and "kept session cookies" in forgotten.stdout and not kept.exists()
    third = optout.run(account, PASSWORD, "--remote-url", grid.url, "--forget-session", *SWITCH)
    assert third.code == 0, third.output
    assert server.state()[account]["logins"] == 2
