"""Every opt-out declared once: one entry per flow (name, groups, path, switch hook, texts, default plan or not).

The flow list, the groups, `--only`'s help and completion, `optout plans` and the sandbox's settings table (through
`sandbox_table()`, handed to the sandbox by the CLI and the tests: the sandbox imports nothing of flows) all come
from `ENTRIES`. Adding a switch is one `Entry` (plus its texts in flows/i18n.py), registered with
`flows.catalog.register`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flows import i18n

SETTINGS = "/mypreferences/d/settings/"
PRIVACY = "/mypreferences/d/categories/privacy"  # = flows.navigation.PRIVACY (kept free of selenium here)
ADS = "/mypreferences/d/categories/ads"
NOT_IN_EU = ("EU", "EEA", "UK", "CH")


@dataclass(frozen=True)
class Entry:
    """One flow. `label_id`: the confirmed aria-labelledby id of its switch (or `switch_css`, a confirmed CSS hook
    such as `input[role=switch]#nonEssentialCookieConsent`); `shares_page`: another switch is on the same page,
    so "the page's only switch" must not find it. `not_offered_in`: the regions where LinkedIn says the setting
    does not apply (the sandbox serves it so; the flow then reads `not-offered`). Forms (`kind="form"`) are the
    objections, built in flows/objection_form.py."""

    name: str
    summary: str
    path: str
    titles: Mapping[str, str] = field(default_factory=dict)  # the page's title, per language
    labels: Mapping[str, str] = field(default_factory=dict)  # the switch's label, per language
    label_id: str = ""
    switch_css: str = ""
    groups: tuple[str, ...] = ()
    default: bool = False
    categories: tuple[str, ...] = (PRIVACY,)
    not_offered_in: tuple[str, ...] = ()
    shares_page: bool = False
    kind: str = "toggle"

    @property
    def regional(self) -> bool:
        return bool(self.not_offered_in)

    @property
    def slug(self) -> str:
        """The path below /mypreferences/d/ ("settings/ads-by-age", "member-cookies")."""
        return self.path.removeprefix("/mypreferences/d/")


def _toggle(name: str, summary: str, path: str, label_id: str = "", groups: tuple[str, ...] = (),
            **more: Any) -> Entry:
    return Entry(name, summary, path, i18n.SETTING_TITLES[name], i18n.SETTING_LABELS[name], label_id,
                 groups=groups, **more)


ENTRIES: dict[str, Entry] = {entry.name: entry for entry in (
    Entry("genai-setting", "switch 'Data for Generative AI Improvement' off", SETTINGS + "data-for-ai-improvement",
          i18n.GENAI_TITLE, i18n.GENAI_SWITCH, "allowDataForGenerativeAI", groups=("ai",), default=True),
    Entry("partner-sharing", "switch data sharing with affiliates and select partners (ads, Microsoft) off",
          SETTINGS + "share-data-with-select-partners", i18n.PARTNERS_TITLE, i18n.PARTNERS_SWITCH,
          "shareDataWithTrustedPartners", groups=("ads",), default=True, categories=(ADS, PRIVACY),
          not_offered_in=NOT_IN_EU),
    Entry("objection-ai-training", "file the objection to training content-generating AI (objection form)",
          "/help/linkedin/ask/TS-DPRO", groups=("ai", "objection-form"), default=True, kind="form"),
    Entry("objection-personalization", "file the objection to personalisation and other machine learning",
          "/help/linkedin/ask/TS-DPRO", groups=("objection-form",), default=True, kind="form"),
    _toggle("research-sharing", "switch the use of your data for social, economic and workplace research off",
            SETTINGS + "policy-and-academic-research", "allowAnonymizedDataResearch", ("research",)),
    _toggle("promotions-ads", "switch ads for LinkedIn's own products based on your profile and activity off",
            SETTINGS + "linkedin-promotions", "allowProfileAndActivityDataForMarketingAds", ("promotions",),
            shares_page=True),
    _toggle("promotions-email", "switch tips for using LinkedIn by email off (same page as promotions-ads)",
            SETTINGS + "linkedin-promotions", "tipsForUsingLinkedinViaEmail", ("promotions",), shares_page=True),
    _toggle("ads-by-age", "switch ads based on your age off", SETTINGS + "ads-by-age", "allowAdsByAge", ("ads",),
            categories=(ADS,)),
    _toggle("ads-by-gender", "switch ads based on your gender off", SETTINGS + "ads-by-gender", "allowAdsByGender",
            ("ads",), categories=(ADS,)),
    _toggle("ads-beyond-linkedin", "switch ads beyond LinkedIn off (also turns partner sharing off)",
            SETTINGS + "ads-beyond-linkedin", "allowLinkedInAudienceNetwork", ("ads",), categories=(ADS,),
            not_offered_in=NOT_IN_EU),
    _toggle("ads-third-party-data", "switch ads based on data businesses share with LinkedIn off",
            SETTINGS + "ads-interactions-with-business", "allowUseOfThirdPartyData", ("ads",), categories=(ADS,)),
    _toggle("ads-conversion-tracking", "switch conversion tracking of your ad-related actions off",
            SETTINGS + "ads-related-actions", "allowConversionTrackings", ("ads",), categories=(ADS,)),
    _toggle("ads-inferred-location", "switch ads based on your inferred location off",
            SETTINGS + "ads-inferred-location", "allowIpToPersonalizeAds", ("ads",), categories=(ADS,)),
    _toggle("ads-interests", "switch ads based on your interests and behaviours off",
            "/mypreferences/d/interest-categories", "adsPrivacyAllowInterestsAndBehaviors", ("ads",),
            categories=(ADS,)),
    _toggle("non-essential-cookies", "switch non-essential cookies off", "/mypreferences/d/member-cookies",
            groups=("cookies",), switch_css='input[role="switch"]#nonEssentialCookieConsent'),
)}

GROUP_SUMMARIES = {
    "ai": "the AI opt-outs: genai-setting and objection-ai-training",
    "objection-form": "both objections of the Data Processing Objection Form",
    "ads": "partner-sharing and every advertising setting",
    "research": "research-sharing",
    "promotions": "promotions-ads and promotions-email (one page, two switches)",
    "cookies": "non-essential-cookies",
    "all-privacy": "everything above",
}
ALL = "all-privacy"


def flow_names() -> tuple[str, ...]:
    return tuple(ENTRIES)


def default_plan() -> tuple[str, ...]:
    return tuple(name for name, entry in ENTRIES.items() if entry.default)


def groups() -> dict[str, tuple[str, ...]]:
    """Every group and its flows, in the registry's order; `all-privacy` is every flow."""
    found: dict[str, tuple[str, ...]] = {name: () for name in GROUP_SUMMARIES if name != ALL}
    for entry in ENTRIES.values():
        for group in entry.groups:
            found[group] = (*found.get(group, ()), entry.name)
    found[ALL] = flow_names()
    return found


def lines() -> list[str]:
    """`optout plans`: one line per flow, then per group."""
    width = max(map(len, [*ENTRIES, *groups()]))
    out = ["Flows (* = in the default plan):"]
    out += [f"  {name:<{width}} {'*' if e.default else ' '} {e.summary}" for name, e in ENTRIES.items()]
    out.append("Groups:")
    out += [f"  {name:<{width}}   {GROUP_SUMMARIES.get(name, ', '.join(members))}"
            for name, members in groups().items()]
    return out


def sandbox_table(entries: Mapping[str, Entry] | None = None) -> list[dict[str, Any]]:
    """The sandbox's settings table (JSON-able), for the switches the sandbox does not already serve itself."""
    builtin = ("genai-setting", "partner-sharing")
    return [{"key": e.name, "path": e.path, "label_id": e.label_id,
             "switch_id": e.switch_css.split("#", 1)[1] if "#" in e.switch_css else "",
             "titles": dict(e.titles), "labels": dict(e.labels),
             "categories": [c.rsplit("/", 1)[1] for c in e.categories], "not_offered_in": list(e.not_offered_in)}
            for e in (entries or ENTRIES).values() if e.kind == "toggle" and e.name not in builtin]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def flows_markdown() -> str:
    """README.md's flows table, then its groups table (markdown), from `ENTRIES` and `groups()`."""
    rows = ["| flow | groups | what it does | page | in the default plan |", "|---|---|---|---|---|"]
    rows += [f"| `{name}` | {', '.join(f'`{g}`' for g in e.groups)} | {_cell(e.summary)}"
             + (f"; not offered in {', '.join(e.not_offered_in)} (`not-offered`)" if e.regional else "")
             + f" | `{e.path}` | {'yes' if e.default else 'no'} |" for name, e in ENTRIES.items()]
    rows += ["", "| group | flows |", "|---|---|"]
    rows += [f"| `{name}` | " + ("every flow above" if name == ALL else ", ".join(f"`{m}`" for m in members)) + " |"
             for name, members in groups().items()]
    return "\n".join(rows)


def flow_names_markdown() -> str:
    """docs/report-schema.md's list of the values of a flow's `flow` key: every flow name, in plan order."""
    return ", ".join(f"`{name}`" for name in ENTRIES)


def render_docs(read: Callable[[str], str]) -> dict[str, str]:
    """The documents that show the registry, each rendered afresh between its marker comments: path (relative to
    the repository) -> new text, given `read(path)` -> its current text. `make docs` writes them;
    tests/test_registry.py checks them. ValueError when a document lacks its markers."""
    blocks = {"README.md": ("flows", "\n\n" + flows_markdown() + "\n\n"),
              "docs/report-schema.md": ("flow-names", flow_names_markdown())}
    out = {}
    for path, (marker, block) in blocks.items():
        text = read(path)
        start, end = f"<!-- {marker}:start (make docs: from flows/registry.py) -->", f"<!-- {marker}:end -->"
        before, found, rest = text.partition(start)
        _, found_end, after = rest.partition(end)
        if not (found and found_end):
            raise ValueError(f"{path} has no {start} ... {end} block")
        out[path] = before + start + block + end + after
    return out
