"""`--only all-privacy` end to end: real Chromium against a sandbox serving the registry's settings table, asserted
on the sandbox's server-side record; and a switch added by one registry entry, run end to end."""

from __future__ import annotations

import json

import pytest

import sandbox
from flows import registry
from flows.plan import expand
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

ALL = expand(["all-privacy"])
TABLE_KEYS = [setting["key"] for setting in registry.sandbox_table()]
PROMOTIONS_PAGE = "/mypreferences/d/settings/linkedin-promotions"


@pytest.fixture
def server():
    """This module's sandbox serves every switch of the registry (the conftest's serves today's two)."""
    with sandbox.serve(settings=registry.sandbox_table()) as running:
        yield running


def _add(server, email: str, **spec) -> str:
    server.add_account({"email": email, "password": PASSWORD, **spec})
    return email


def _outcomes(result) -> dict[str, str]:
    document = json.loads(result.stdout)
    return {flow["flow"]: flow["outcome"] for flow in document["accounts"][0]["flows"]}


def _run_all(optout, email: str, *args: str, plan: str = "all-privacy") -> dict[str, str]:
    result = optout.run(email, PASSWORD, "--json", "--only", plan, *args)
    outcomes = _outcomes(result)
    assert list(outcomes) == list(expand([plan])), result.stderr[-2000:]
    return outcomes


def test_all_privacy_switches_every_switch_off_and_files_both_objections(server, optout):
    email = _add(server, "ana@example.com")
    outcomes = _run_all(optout, email)
    # ads-beyond-linkedin comes after partner-sharing, which the bot switched off itself
    assert {flow: outcome for flow, outcome in outcomes.items() if outcome != "switched-off"} == {
        "objection-ai-training": "submitted", "objection-personalization": "submitted"}
    state = server.state()[email]
    assert (state["genai_training"], state["partner_sharing"]) == (False, False)
    assert state["settings"] == dict.fromkeys(TABLE_KEYS, False)
    assert sorted(o["type"] for o in state["objections"]) == ["ai-training", "personalization-ml"]
    assert state["setting_saves"] == 2 + len(TABLE_KEYS)


def test_a_page_with_two_switches_is_loaded_once_for_both_when_nothing_needs_changing(server, optout):
    email = _add(server, "two@example.com", settings_off=TABLE_KEYS)
    outcomes = _run_all(optout, email, plan="promotions")
    assert outcomes == {"promotions-ads": "already-off", "promotions-email": "already-off"}
    assert server.state()[email]["page_loads"][PROMOTIONS_PAGE] == 1


def test_a_page_with_two_switches_is_loaded_once_per_change_and_once_per_verification(server, optout):
    email = _add(server, "two-on@example.com")
    outcomes = _run_all(optout, email, plan="promotions")
    assert outcomes == {"promotions-ads": "switched-off", "promotions-email": "switched-off"}
    # ads: read, verified (the email switch is read from that same load), email: verified
    assert server.state()[email]["page_loads"][PROMOTIONS_PAGE] == 3


def test_a_member_already_off_saves_nothing(server, optout):
    email = _add(server, "off@example.com", genai_training=False, partner_sharing=False, settings_off=TABLE_KEYS,
                 objections=["ai-training", "personalization-ml"])
    outcomes = _run_all(optout, email)
    assert set(outcomes.values()) <= {"already-off", "already-submitted"}
    assert server.state()[email]["setting_saves"] == 0


def test_an_eu_member_gets_not_offered_where_a_setting_does_not_apply_in_german(server, optout):
    email = _add(server, "eu@example.com", region="EU", language="de")
    outcomes = _run_all(optout, email)
    assert outcomes["partner-sharing"] == outcomes["ads-beyond-linkedin"] == "not-offered"
    assert {outcomes[name] for name in TABLE_KEYS if name != "ads-beyond-linkedin"} == {"switched-off"}
    state = server.state()[email]
    assert state["settings"] == {**dict.fromkeys(TABLE_KEYS, False), "ads-beyond-linkedin": True}
    assert state["partner_sharing"] is True  # not offered: never touched


def test_ads_beyond_linkedin_off_turns_partner_sharing_off_and_the_report_says_what_linkedin_shows(server, optout):
    email = _add(server, "ads@example.com")
    first = _outcomes(optout.run(email, PASSWORD, "--json", "--only", "ads-beyond-linkedin"))
    assert first == {"ads-beyond-linkedin": "switched-off"}
    assert server.state()[email]["partner_sharing"] is False  # LinkedIn turned it off with it
    second = _outcomes(optout.run(email, PASSWORD, "--json", "--only", "partner-sharing"))
    assert second == {"partner-sharing": "already-off"}  # read after a reload, whatever turned it off
    assert server.state()[email]["setting_saves"] == 1


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_all_privacy_over_random_seeds(server, optout, seed):
    email = _add(server, f"seed{seed}.in@example.com", name="Ana Example", seed=seed)
    # as a team's CSV does: a form that asks for the country and preselects none has no other source
    outcomes = _run_all(optout, email, "--country", "PL")
    assert all(outcome in ("switched-off", "submitted") for outcome in outcomes.values()), (
        outcomes, server.draw(email))
    state = server.state()[email]
    assert state["settings"] == dict.fromkeys(TABLE_KEYS, False)
    assert (state["genai_training"], state["partner_sharing"]) == (False, False)
    assert sorted(o["type"] for o in state["objections"]) == ["ai-training", "personalization-ml"]


def test_a_form_asking_for_a_country_nobody_gave_fails_naming_the_field_and_sends_nothing(server, optout):
    email = _add(server, "seed3.in@example.com", name="Ana Example", seed=3)  # draws: country asked, none chosen
    result = optout.run(email, PASSWORD, "--json", "--only", "objection-form")
    (account,) = json.loads(result.stdout)["accounts"]
    assert [(f["outcome"], "'Kraj zamieszkania'" in f["detail"], f["applied"]) for f in account["flows"]] == [
        ("failed", True, 0)] * 2
    assert "--country" in account["hint"]
    assert server.state()[email]["objections"] == []


def test_adding_a_switch_is_one_registry_entry(server, tmp_path, optout):
    """A made-up setting: one entry (and its texts); the sandbox serves it because its table comes from the
    registry, and the bot runs it end to end through the Python API."""
    from bot.accounts import single_account
    from bot.batch import Job, execute
    from bot.secret import Secret
    from bot.settings import Settings
    from flows import catalog

    entry = registry.Entry("made-up-setting", "switch a made-up setting off",
                           "/mypreferences/d/settings/made-up-setting",
                           titles={"en": "A made-up setting"}, labels={"en": "Use my data for made-up things"},
                           label_id="allowMadeUpThings", groups=("research",))
    catalog.register(entry)
    try:
        server.add_settings(registry.sandbox_table({entry.name: entry}))
        email = _add(server, "new@example.com")
        assert "made-up-setting" in expand(["research"])
        settings = Settings(base_url=server.url, out_dir=tmp_path / "out", profiles_dir=optout.home / "profiles",
                            flows=expand(["made-up-setting"]))
        run = execute(Job(settings, [single_account(email, Secret(PASSWORD), flows=["made-up-setting"])], "run",
                          f"account:{email}"))
        result = run.accounts[0]
        assert result.status == "private", result
        assert server.state()[email]["settings"]["made-up-setting"] is False
        assert server.state()[email]["setting_saves"] == 1
    finally:
        catalog.unregister(entry.name)
