"""When pages are slow, a setting's verifying reload loads in a background tab while the next flow works.

The sandbox adds latency to every request, as LinkedIn's real pages have; the server-side record shows that
everything was done once, and done for good, whatever happens while a flow waits to verify.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sandbox
from bot.browser import BrowserOptions, make_driver
from bot.secret import Secret
from flows.base import PRELOAD_PAYS_S, Page
from flows.login import Credentials, LoginOptions, LoginSession
from flows.plan import OBJECTION_AI_TRAINING, OBJECTION_PERSONALIZATION
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

SLOW = {"kind": "latency", "ms": 150}
GENAI_PAGE = "/mypreferences/d/settings/data-for-ai-improvement"
PARTNER_PAGE = "/mypreferences/d/settings/share-data-with-select-partners"
SETTINGS = ("genai-setting", "partner-sharing")


def _report(result) -> dict:
    return json.loads(result.stdout)["accounts"][0]


def _outcomes(account: dict) -> dict[str, str]:
    return {flow["flow"]: flow["outcome"] for flow in account["flows"]}


def test_slow_pages_verify_each_setting_in_a_background_tab_with_its_own_evidence(optout, server, account):
    server.add_fault(SLOW)
    result = optout.run(account, PASSWORD, "-v", "--json")
    state = server.state()[account]
    report = _report(result)
    assert result.code == 0, result.stderr
    assert f"loading {GENAI_PAGE} in a background tab" in result.stderr
    assert f"loading {PARTNER_PAGE} in a background tab" in result.stderr
    assert [flow["flow"] for flow in report["flows"]] == [*SETTINGS, OBJECTION_AI_TRAINING, OBJECTION_PERSONALIZATION]
    assert (state["genai_training"], state["partner_sharing"], state["setting_saves"]) == (False, False, 2)
    assert sorted(o["type"] for o in state["objections"]) == ["ai-training", "personalization-ml"]
    for flow in report["flows"]:
        names = [Path(shot).name for shot in flow["evidence"]]
        assert names and all(flow["flow"] in name for name in names), (flow["flow"], names)


def test_a_save_lost_while_its_verification_waits_is_found_and_applied_again(optout, server, account):
    server.add_fault(SLOW)
    server.add_fault({"kind": "lost-save", "count": 1})
    result = optout.run(account, PASSWORD, "--json")
    state = server.state()[account]
    assert result.code == 0, result.stderr
    assert _outcomes(_report(result))["genai-setting"] == "switched-off"
    assert (state["genai_training"], state["partner_sharing"], state["setting_saves"]) == (False, False, 3)
    assert len(state["objections"]) == 2


def test_a_session_ending_while_a_setting_waits_to_verify_costs_one_login_and_repeats_nothing(optout, server):
    # Member pages: the feed, the email addresses (who is signed in), the partner setting (in a background tab),
    # the AI setting, its verifying reload (in another); the partner's own verifying reload is the 6th, and finds
    # the session ended while the AI setting waits to be verified.
    server.add_account(sandbox.AccountSpec(email="exp@example.com", password=PASSWORD, expire_session_after=5))
    server.add_fault(SLOW)
    result = optout.run("exp@example.com", PASSWORD, "--json", "--only", "genai-setting",
                        "--only", "partner-sharing")
    state = server.state()["exp@example.com"]
    assert result.code == 0, result.stderr
    assert _outcomes(_report(result)) == {"genai-setting": "switched-off", "partner-sharing": "switched-off"}
    assert (state["logins"], state["setting_saves"]) == (2, 2)


@pytest.mark.parametrize("fault", [
    {"kind": "error", "status": 503, "count": 1},
    {"kind": "drop", "count": 1},
    {"kind": "latency", "ms": 1500, "count": 1},
], ids=["503 once", "connection dropped once", "slow answer once"])
def test_a_fault_on_a_page_loaded_in_the_background_is_retried_like_any_other(optout, server, account, fault):
    server.add_fault(SLOW)
    server.add_fault({**fault, "path": PARTNER_PAGE, "method": "GET"})  # its first load is the background one
    result = optout.run(account, PASSWORD, "--json", "--only", "genai-setting", "--only", "partner-sharing")
    state = server.state()[account]
    assert result.code == 0, result.stderr
    assert _outcomes(_report(result)) == {"genai-setting": "switched-off", "partner-sharing": "switched-off"}
    assert (state["genai_training"], state["partner_sharing"], state["setting_saves"]) == (False, False, 2)


@pytest.fixture
def slow_page(server, account, tmp_path):
    """A logged-in Page on a sandbox whose every answer takes 150 ms."""
    server.add_fault(SLOW)
    driver = make_driver(BrowserOptions(profile_dir=tmp_path / "profile"))
    try:
        page = Page(driver, server.url)
        LoginSession(page, Credentials(account, Secret(PASSWORD)), LoginOptions()).ensure()
        yield page
    finally:
        driver.quit()


def test_a_preloaded_page_is_adopted_by_open_leaving_one_tab(slow_page):
    slow_page.open(GENAI_PAGE)
    assert slow_page.preload(PARTNER_PAGE)
    assert len(slow_page.driver.window_handles) == 2
    slow_page.open(PARTNER_PAGE)
    assert slow_page.path == PARTNER_PAGE
    assert len(slow_page.driver.window_handles) == 1


def test_unused_preloads_are_closed_and_the_current_page_kept(slow_page):
    slow_page.open(GENAI_PAGE)
    slow_page.preload(PARTNER_PAGE)
    slow_page.drop_preloads()
    assert slow_page.driver.window_handles == [slow_page.driver.current_window_handle]
    assert slow_page.path == GENAI_PAGE


def test_a_visible_browser_window_gets_no_background_tabs(slow_page):
    # Headed (a person finishing a LinkedIn check may be watching), a new tab would hide the bot's own.
    slow_page.background_tabs = False
    slow_page.open(GENAI_PAGE)
    assert not slow_page.preload(PARTNER_PAGE)
    assert len(slow_page.driver.window_handles) == 1


def test_pages_that_load_faster_than_a_tab_opens_are_reloaded_instead(slow_page):
    slow_page.open(GENAI_PAGE)
    slow_page.load_s = PRELOAD_PAYS_S / 2  # as if the page had loaded that fast
    assert not slow_page.preload(PARTNER_PAGE)
    assert len(slow_page.driver.window_handles) == 1
