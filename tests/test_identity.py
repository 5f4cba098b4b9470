"""Never act on the wrong member: who is signed in is read after every login, before anything changes.

End to end: real Chromium against the sandbox, asserted on its server-side record.
"""

from __future__ import annotations

import json
import shutil

import pytest

import sandbox
from bot.accounts import Account
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

ANA, BEA = "ana@example.com", "bea@example.com"
BEA_PASSWORD = "Bea-pass-Zq81x"


@pytest.fixture
def two_members(server):
    server.add_account(sandbox.AccountSpec(email=ANA, password=PASSWORD, name="Ana Example"))
    server.add_account(sandbox.AccountSpec(email=BEA, password=BEA_PASSWORD, name="Bea Example"))


def untouched(state: dict) -> bool:
    return state["setting_saves"] == 0 and state["objections"] == [] and state["genai_training"]


def opted_out(state: dict) -> bool:
    return (not state["genai_training"] and not state["partner_sharing"]
            and sorted(o["type"] for o in state["objections"]) == ["ai-training", "personalization-ml"])


def test_another_members_li_at_is_dropped_and_the_account_signs_in_with_its_own_password(optout, server,
                                                                                        two_members):
    ana_cookie = server.session_cookie(ANA)["li_at"]
    result = optout.run(BEA, BEA_PASSWORD, env={"LINKEDIN_LI_AT": ana_cookie})
    state = server.state()
    assert result.code == 0, result.output
    assert untouched(state[ANA])
    assert opted_out(state[BEA]) and state[BEA]["logins"] == 1


def test_another_members_li_at_without_a_password_ends_wrong_account_with_nothing_changed(optout, server,
                                                                                         two_members):
    ana_cookie = server.session_cookie(ANA)["li_at"]
    result = optout("run", env={"LINKEDIN_EMAIL": BEA, "LINKEDIN_LI_AT": ana_cookie})
    state = server.state()
    assert result.code == 1, result.output
    assert untouched(state[ANA]) and untouched(state[BEA])
    assert f"signed in as {ANA}, not {BEA}" in result.output
    report = json.loads(next(optout.out.glob("*/report.json")).read_text())
    assert report["accounts"][0]["error_code"] == "wrong-account"


def test_a_kept_profile_holding_another_members_session_is_signed_out_before_anything_changes(optout, server,
                                                                                             two_members):
    assert optout.run(ANA, PASSWORD, "--only", "genai-setting").code == 0
    profiles = optout.home / "profiles"
    shutil.copytree(profiles / Account(ANA).slug, profiles / Account(BEA).slug)
    before = server.state()[ANA]
    result = optout.run(BEA, BEA_PASSWORD)
    state = server.state()
    assert result.code == 0, result.output
    assert state[ANA]["setting_saves"] == before["setting_saves"] and state[ANA]["objections"] == []
    assert opted_out(state[BEA])


def test_a_member_signed_in_with_a_secondary_address_is_recognised(optout, server):
    server.add_account(sandbox.AccountSpec(email=ANA, password=PASSWORD, other_emails=("ana.work@example.org",)))
    result = optout.run("ana.work@example.org", PASSWORD)
    assert result.code == 0, result.output
    assert opted_out(server.state()[ANA])
