"""Faults injected by the sandbox, per flow step: the bot recovers, or ends with the right error and exit code.

Whatever happens, two invariants hold on the server-side record: never two objections of one kind for an
account, and never a switch reported off that is on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

GENAI_PAGE = "/mypreferences/d/settings/data-for-ai-improvement"
SAVE_API = "/mypreferences/api/settings/"
FORM_PAGE = "/help/linkedin/ask/TS-DPRO"
SUBMIT = "/help/linkedin/ask/TS-DPRO/submit"
CASES = "/help/linkedin/cases"
SETTING, OBJECTION = "genai-setting", "objection-ai-training"


@dataclass
class Case:
    fault: dict
    flow: str
    outcome: str
    code: int = 0
    extra_args: list[str] = field(default_factory=list)


CASES_BY_NAME = {
    "login page 503 once": Case({"kind": "error", "status": 503, "path": "/login", "count": 1}, SETTING,
                                "switched-off"),
    "setting page 503 twice": Case({"kind": "error", "status": 503, "path": GENAI_PAGE, "count": 2}, SETTING,
                                   "switched-off"),
    "setting page always 503": Case({"kind": "error", "status": 503, "path": GENAI_PAGE}, SETTING, "failed", 1),
    "setting save 500 once": Case({"kind": "error", "status": 500, "path": SAVE_API, "method": "POST", "count": 1},
                                  SETTING, "switched-off"),
    "setting page slow": Case({"kind": "latency", "ms": 1500, "path": GENAI_PAGE}, SETTING, "switched-off"),
    "switch renders late": Case({"kind": "late-render", "ms": 4000}, SETTING, "switched-off"),
    "save lost once": Case({"kind": "lost-save", "count": 1}, SETTING, "switched-off"),
    "save always lost": Case({"kind": "lost-save"}, SETTING, "failed", 1),
    "switch re-rendered": Case({"kind": "stale"}, SETTING, "switched-off"),
    "setting page connection dropped": Case({"kind": "drop", "path": GENAI_PAGE, "count": 1}, SETTING,
                                            "switched-off"),
    "setting page ids renamed": Case({"kind": "changed-markup", "path": GENAI_PAGE}, SETTING, "switched-off"),
    "setting page unrecognisable": Case({"kind": "unexpected-page", "path": GENAI_PAGE}, SETTING, "needs-attention", 4,
                                        ["--timeout", "2"]),
    "form page 429 with Retry-After": Case({"kind": "error", "status": 429, "retry_after": 1, "path": FORM_PAGE,
                                            "method": "GET", "count": 1}, OBJECTION, "submitted"),
    "cases page dropped": Case({"kind": "drop", "path": CASES, "count": 1}, OBJECTION, "submitted"),
    "submit answered 502": Case({"kind": "error", "status": 502, "path": SUBMIT, "count": 1}, OBJECTION,
                                "submitted"),
    "submit answer lost": Case({"kind": "lost-response", "path": SUBMIT, "count": 1}, OBJECTION, "submitted"),
    "form page ids renamed": Case({"kind": "changed-markup", "path": FORM_PAGE}, OBJECTION, "submitted"),
    "form page unrecognisable": Case({"kind": "unexpected-page", "path": FORM_PAGE}, OBJECTION, "needs-attention", 4,
                                     ["--timeout", "2"]),
}


def _invariants_hold(state: dict, flows: list[dict]) -> None:
    types = [o["type"] for o in state["objections"]]
    assert len(types) == len(set(types)), "an objection was filed twice"
    for flow in flows:
        if flow["flow"] == SETTING and flow["outcome"] in ("switched-off", "already-off"):
            assert state["genai_training"] is False, "a switch was reported off that is on"


@pytest.mark.parametrize("name", list(CASES_BY_NAME))
def test_fault_ends_in_the_expected_outcome(optout, server, account, name):
    case = CASES_BY_NAME[name]
    server.add_fault(case.fault)
    result = optout.run(account, PASSWORD, "--json", "--only", case.flow, *case.extra_args)
    state = server.state()[account]
    report = json.loads(result.stdout)
    (flow,) = report["accounts"][0]["flows"]
    assert (flow["outcome"], result.code) == (case.outcome, case.code), result.stderr
    _invariants_hold(state, [flow])


def test_lost_save_is_caught_by_the_reload_and_applied_again(optout, server, account):
    server.add_fault({"kind": "lost-save", "count": 1})
    optout.run(account, PASSWORD, "--only", SETTING)
    state = server.state()[account]
    assert state["genai_training"] is False
    assert state["setting_saves"] == 2


def test_lost_submit_answer_is_recovered_from_the_cases_page_without_a_second_filing(optout, server, account):
    server.add_fault({"kind": "lost-response", "path": SUBMIT, "count": 1})
    result = optout.run(account, PASSWORD, "--only", OBJECTION)
    (objection,) = server.state()[account]["objections"]
    assert f"submitted {objection['case_id']}" in result.stdout


def test_changed_page_is_reported_with_its_locator_and_a_snapshot(optout, server, account):
    server.add_fault({"kind": "unexpected-page", "path": GENAI_PAGE})
    result = optout.run(account, PASSWORD, "--only", SETTING, "--timeout", "2")
    assert "genai-setting: needs-attention: switch [allowDataForGenerativeAI]" in result.stdout
    (run_folder,) = [p for p in optout.out.iterdir() if p.is_dir()]
    snapshots = list(run_folder.glob("evidence/*/*page-changed.html"))
    assert snapshots
    assert PASSWORD not in snapshots[0].read_text()


STEPS = {
    "login page": ("/login", "GET", SETTING),
    "login submit": ("/checkpoint/lg/login-submit", "POST", SETTING),
    "feed": ("/feed/", "GET", SETTING),
    "setting page": (GENAI_PAGE, "GET", SETTING),
    "setting save": (SAVE_API, "POST", SETTING),
    "cases page": (CASES, "GET", OBJECTION),
    "form page": (FORM_PAGE, "GET", OBJECTION),
    "form submit": (SUBMIT, "POST", OBJECTION),
}
PASSING_FAULTS = {
    "503 once": {"kind": "error", "status": 503, "count": 1},
    "connection dropped once": {"kind": "drop", "count": 1},
    "slow answer": {"kind": "latency", "ms": 1500, "count": 2},
}


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("fault", list(PASSING_FAULTS))
def test_every_passing_fault_at_every_step_is_recovered_without_doing_anything_twice(
        optout, server, account, step, fault):
    path, method, flow = STEPS[step]
    server.add_fault({**PASSING_FAULTS[fault], "path": path, "method": method})
    result = optout.run(account, PASSWORD, "--json", "--only", flow)
    state = server.state()[account]
    (outcome,) = json.loads(result.stdout)["accounts"][0]["flows"]
    assert result.code == 0, result.stderr
    assert outcome["outcome"] in ("switched-off", "submitted")
    assert state["setting_saves"] <= 1 + (step == "setting save")
    _invariants_hold(state, [outcome])
