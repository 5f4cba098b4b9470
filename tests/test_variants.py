"""The full default plan on every sandbox variant and every UI language, asserted on the server-side record."""

from __future__ import annotations

import json

import pytest
from sandbox_helpers import Client

import sandbox
from flows import i18n as flow_texts
from sandbox import i18n as sandbox_texts
from sandbox.look import VARIANTS
from tests.conftest import PASSWORD

EMAIL = "ana@example.com"
PER_ACCOUNT = ["restyled", "aria-label-switch", "listbox", "form-iframe", "slow-render"]
GLOBAL = ["cookie-banner", "generated-ids", "login-form-when-signed-in"]  # they change the login page, which
# does not know the member yet
FLOW_TEXTS = {  # what the flows look for -> what the sandbox shows
    "GENAI_SWITCH": "genai_label", "PARTNERS_SWITCH": "partners_label", "NOT_APPLICABLE": "not_applicable",
    "FORM_TITLE": "form_title", "FIRST_NAME": "first_name", "LAST_NAME": "last_name", "EMAIL": "email",
    "REQUEST_TYPE": "request_type", "OBJECTION_TYPE": "objection_type", "OBJECTION_REQUEST": "request_objection",
    "OBJECT_TO_AI_TRAINING": "objection_ai-training", "OBJECT_TO_PERSONALIZATION": "objection_personalization-ml",
    "SUBMIT": "submit", "CASE_NUMBER_IS": "case_number_is", "NO_CASES": "no_cases",
    "COOKIE_REJECT": "cookie_reject", "COOKIE_ACCEPT": "cookie_accept",
}


def _opted_out(state: dict, partner_offered: bool = True) -> None:
    assert state["genai_training"] is False
    if partner_offered:
        assert state["partner_sharing"] is False
    assert sorted(o["type"] for o in state["objections"]) == ["ai-training", "personalization-ml"]


def _run_json(optout, *args: str) -> tuple[int, dict, str]:
    result = optout.run(EMAIL, PASSWORD, "--json", *args)
    return result.code, json.loads(result.stdout or "{}"), result.stderr


def _locators(report: dict) -> dict[str, dict[str, str]]:
    return {flow["flow"]: flow["locators"] for flow in report["accounts"][0]["flows"]}


def test_every_variant_and_language_is_covered_here():
    assert sorted(PER_ACCOUNT + GLOBAL) == sorted(VARIANTS)
    assert {one for variant, _ in PAIRS for one in variant.split("+")} == set(VARIANTS)
    assert {language for _, language in PAIRS} == set(sandbox_texts.LANGUAGES)


def test_the_flows_and_the_sandbox_speak_the_same_languages():
    assert flow_texts.LANGUAGES == sandbox_texts.LANGUAGES
    for constant, key in FLOW_TEXTS.items():
        shown = {language: sandbox_texts.text(language, key) for language in sandbox_texts.LANGUAGES}
        assert getattr(flow_texts, constant) == shown, constant


def test_variants_are_chosen_globally_over_http_and_checked(server):
    client = Client(server.url)
    assert client.post_json("/__sandbox__/variants", {"variants": ["no-such-variant"]}).status == 400
    assert client.post_json("/__sandbox__/variants", {"language": "xx"}).status == 400
    chosen = client.post_json("/__sandbox__/variants", {"variants": ["listbox"], "language": "nl"}).json()
    assert (chosen["variants"], chosen["language"]) == (["listbox"], "nl")
    assert set(chosen["known"]) == set(VARIANTS)
    assert '<html lang="nl">' in client.get("/login").text
    assert client.request("DELETE", "/__sandbox__/variants").status == 204
    assert '<html lang="en">' in client.get("/login").text


def test_an_accounts_language_follows_it_to_the_next_login_page(server):
    server.add_account({"email": EMAIL, "password": PASSWORD, "language": "fr", "variants": ["restyled"]})
    with pytest.raises(ValueError, match="unknown variant"):
        server.add_account({"email": "bo@example.com", "password": PASSWORD, "variants": ["shiny"]})
    client = Client(server.url)
    client.login(EMAIL, PASSWORD)
    cases = client.get("/help/linkedin/cases").doc()
    assert cases.find_all("html")[0].attrs["lang"] == "fr"
    assert cases.by_id("no-cases").text == "Vous n'avez aucune demande."
    client.cookies.pop("li_at")
    login = client.get("/login").doc()
    assert login.find_all("button", type="submit")[0].text.strip() == "S'identifier"


# Each variant once, each language once: paired, to keep the browser runs few. The login-page variants and half
# of the languages are chosen globally, the rest per account, so both ways of choosing are exercised too.
PAIRS = [("restyled", "de"), ("aria-label-switch", "fr"), ("listbox", "es"), ("form-iframe", "it"),
         ("slow-render", "nl"), ("cookie-banner", "pt"), ("generated-ids", "pl"), ("slow-render+listbox", "en"),
         ("login-form-when-signed-in", "en")]


@pytest.mark.browser
@pytest.mark.parametrize(("variant", "language"), PAIRS, ids=[f"{v}-{lang}" for v, lang in PAIRS])
def test_default_plan_passes_on_every_variant_and_language(optout, server, variant, language):
    variants = variant.split("+")
    global_choice = variant in GLOBAL or language in ("fr", "it", "pl")
    region = "EU" if language == "de" else "US"
    if global_choice:
        body = {"variants": [variant] if variant in GLOBAL else [], "language": language}
        assert Client(server.url).post_json("/__sandbox__/variants", body).status == 200
    server.add_account(sandbox.AccountSpec(
        email=EMAIL, password=PASSWORD, region=region, variants=() if variant in GLOBAL else tuple(variants),
        language=None if global_choice else language))
    code, report, stderr = _run_json(optout, "-v")
    assert code == 0, stderr
    _opted_out(server.state()[EMAIL], partner_offered=region == "US")
    outcomes = {flow["flow"]: flow["outcome"] for flow in report["accounts"][0]["flows"]}
    assert outcomes["partner-sharing"] == ("switched-off" if region == "US" else "not-offered")
    assert all(locators for locators in _locators(report).values())
    if variant == "cookie-banner":  # declined, not accepted: the member wants less of their data used
        assert "cookie banner choice matched by reject button (action-type=DENY)" in stderr


@pytest.mark.browser
def test_all_variants_at_once_in_one_language_found_by_texts(optout, server):
    """Everything changed at once: the locators that matched are the fallbacks, and the report says which."""
    server.set_variants(GLOBAL, language="pl")
    server.add_account(sandbox.AccountSpec(email=EMAIL, password=PASSWORD, variants=tuple(PER_ACCOUNT)))
    code, report, stderr = _run_json(optout)
    assert code == 0, stderr
    _opted_out(server.state()[EMAIL])
    locators = _locators(report)
    assert locators["genai-setting"]["switch [allowDataForGenerativeAI]"] == "role switch named (pl)"
    assert locators["objection-ai-training"]["objection form iframe"] == "css selector=iframe[src*='TS-DPRO']"
