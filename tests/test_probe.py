"""`optout probe`: read-only, per locator the strategy that matched or none, evidence saved, exit 1 on a miss."""

from __future__ import annotations

import json

import pytest

import sandbox
from bot.probe import plan_targets
from flows.plan import DEFAULT_PLAN
from tests.conftest import PASSWORD

EMAIL = "ana@example.com"
GENAI_PAGE = "/mypreferences/d/settings/data-for-ai-improvement"


def _probe(optout, *args: str):
    return optout("probe", "--base-url", optout.base_url, *args,
                  env={"LINKEDIN_EMAIL": EMAIL, "LINKEDIN_PASSWORD": PASSWORD})


def test_the_plan_probes_each_page_once_with_every_flows_locators():
    targets = {target.name: target for target in plan_targets(DEFAULT_PLAN)}
    assert [target.path for target in targets.values()] == [
        GENAI_PAGE, "/mypreferences/d/settings/share-data-with-select-partners", "/help/linkedin/cases",
        "/help/linkedin/ask/TS-DPRO"]
    form = [locator.name for locator in targets["objection form"].required]
    assert form == ["objection form", "form submit button"]  # its fields are read by meaning, not by locators


@pytest.mark.browser
def test_probe_reports_every_locator_and_changes_nothing(optout, server, account):
    result = _probe(optout, "--json")
    report = json.loads(result.stdout)
    state = server.state()[account]
    assert result.code == 0, result.stderr
    assert report["ok"] is True
    switch = report["pages"][0]["locators"][0]
    assert switch["name"] == "switch [allowDataForGenerativeAI]"
    assert switch["strategy"] == 'css selector=input[role="switch"][aria-labelledby="allowDataForGenerativeAI"]'
    assert (state["genai_training"], state["partner_sharing"], state["objections"]) == (True, True, [])
    assert state["setting_saves"] == 0
    folder = optout.out / report["folder"].rsplit("/", 1)[-1]
    assert {"probe.txt", "probe.json"} <= {path.name for path in folder.iterdir()}
    for page in report["pages"]:
        assert {path.rsplit(".", 1)[-1] for path in page["evidence"]} == {"html", "png"}
    form_html = next(folder / path for path in report["pages"][3]["evidence"] if path.endswith(".html"))
    assert "csrfToken" in form_html.read_text() and "ajax:" not in form_html.read_text()


@pytest.mark.browser
def test_probe_names_the_locator_that_matches_nothing_and_exits_1(optout, server, account):
    server.add_fault({"kind": "unexpected-page", "path": GENAI_PAGE})
    result = _probe(optout, "--timeout", "2")
    assert result.code == 1, result.output
    assert "MISSING  switch [allowDataForGenerativeAI] (one of); tried: css selector=input[role=" in result.stdout
    assert "role switch named (en, de, fr, es, it, nl, pt, pl)" in result.stdout
    assert "ok       switch [shareDataWithTrustedPartners]" in result.stdout
    assert "result: 2 required locator(s) matched nothing: switch [allowDataForGenerativeAI] on genai-setting page" \
        in result.stdout
    assert PASSWORD not in "".join(p.read_text() for p in optout.out.glob("probe-*/evidence/*/*.html"))


@pytest.mark.browser
def test_probe_finds_the_form_in_its_iframe_by_its_fallbacks(optout, server):
    server.set_variants(["cookie-banner"], language="it")
    server.add_account(sandbox.AccountSpec(email=EMAIL, password=PASSWORD, region="EU",
                                           variants=("form-iframe", "listbox", "aria-label-switch")))
    result = _probe(optout)
    assert result.code == 0, result.output
    assert "ok       switch [allowDataForGenerativeAI]: role switch named (it)" in result.stdout
    assert "ok       setting-not-applicable note: id=setting-not-applicable" in result.stdout
    assert "ok       objection form iframe: css selector=iframe[src*='TS-DPRO']" in result.stdout
    assert "ok       cookie banner choice: reject button (action-type=DENY)" in result.stdout
    assert server.state()[EMAIL]["objections"] == []
