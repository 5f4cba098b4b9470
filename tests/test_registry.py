"""The registry: one entry per flow makes the flow list, the groups, `--only` and `optout plans`."""

from __future__ import annotations

import pytest

from flows import plan, registry
from flows.catalog import FLOWS
from flows.toggle import ONLY_SWITCH

NEW = ("research-sharing", "promotions-ads", "promotions-email", "ads-by-age", "ads-by-gender", "ads-beyond-linkedin",
       "ads-third-party-data", "ads-conversion-tracking", "ads-inferred-location", "ads-interests",
       "non-essential-cookies")


def test_the_default_plan_stays_as_it_was():
    assert plan.DEFAULT_PLAN == ("genai-setting", "partner-sharing", "objection-ai-training",
                                 "objection-personalization")
    assert plan.expand(None) == plan.DEFAULT_PLAN


def test_every_flow_is_a_registry_entry_and_a_flow():
    assert set(registry.ENTRIES) == set(FLOWS) == {*plan.DEFAULT_PLAN, *NEW}
    for name in NEW:
        entry, flow = registry.ENTRIES[name], FLOWS[name]
        assert (flow.path, flow.regional) == (entry.path, entry.regional)
        assert set(entry.titles) == set(entry.labels) == {"en", "de", "fr", "es", "it", "nl", "pt", "pl"}


@pytest.mark.parametrize(("group", "flows"), [
    ("ai", ("genai-setting", "objection-ai-training")),
    ("objection-form", ("objection-ai-training", "objection-personalization")),
    ("ads", ("partner-sharing", *(n for n in NEW if n.startswith("ads-")))),
    ("research", ("research-sharing",)),
    ("promotions", ("promotions-ads", "promotions-email")),
    ("cookies", ("non-essential-cookies",)),
    ("all-privacy", (*plan.DEFAULT_PLAN, *NEW)),
])
def test_groups_expand(group, flows):
    assert plan.expand([group]) == flows


def test_the_promotions_switches_are_never_the_only_switch():
    for name in ("promotions-ads", "promotions-email"):
        assert not set(ONLY_SWITCH) & set(FLOWS[name].switch.strategies)
        assert registry.ENTRIES[name].label_id in FLOWS[name].switch.strategies[0].what
    assert set(ONLY_SWITCH) <= set(FLOWS["ads-by-age"].switch.strategies)
    assert FLOWS["non-essential-cookies"].switch.strategies[0].what == 'input[role="switch"]#nonEssentialCookieConsent'


def test_plans_lists_every_flow_and_group_once():
    text = "\n".join(registry.lines())
    for name in plan.known_names():
        assert sum(line.split()[0] == name for line in text.splitlines()[1:] if line.startswith("  ")) == 1


def test_the_csv_and_environment_accept_groups():
    from bot.settings import resolve
    assert resolve({}, {"OPTOUT_FLOWS": "promotions,cookies"}, None).flows == (
        "promotions-ads", "promotions-email", "non-essential-cookies")
