"""The registry: one entry per flow makes the flow list, the groups, `--only`, `optout plans` and the docs' flow
tables."""

from __future__ import annotations

from pathlib import Path

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


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("path", ["README.md", "docs/report-schema.md"])
def test_the_docs_show_what_the_registry_renders(path):
    rendered = registry.render_docs(lambda name: (ROOT / name).read_text(encoding="utf-8"))
    assert set(rendered) == {"README.md", "docs/report-schema.md"}
    current = (ROOT / path).read_text(encoding="utf-8")
    assert current == rendered[path], f"{path} does not show the flows of flows/registry.py: run `make docs`"


def test_the_rendered_docs_name_every_flow_and_group():
    table, names = registry.flows_markdown(), registry.flow_names_markdown()
    for name in registry.flow_names():
        assert sum(line.startswith(f"| `{name}` |") for line in table.splitlines()) == 1
        assert f"`{name}`" in names
    for group in registry.groups():
        assert f"| `{group}` |" in table
    default = [line.split("`")[1] for line in table.splitlines() if line.endswith("| yes |")]
    assert tuple(default) == plan.DEFAULT_PLAN


def test_a_doc_without_its_markers_is_an_error():
    with pytest.raises(ValueError, match=r"README\.md has no <!-- flows:start"):
        registry.render_docs(lambda name: "no markers here")
