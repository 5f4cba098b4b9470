"""The run report: report.json against its schema, report.csv, report.html and the terminal summary."""

from __future__ import annotations

import base64
import csv
import json
import re
import stat
import struct
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import cycle
from pathlib import Path

import pytest
from rich.console import Console

from bot import report
from bot.report import CSV_HEADER, report_dict, report_group, summary_table, write_reports
from bot.results import AccountResult, AccountStatus, FlowResult, Outcome, RunResult
from flows import registry
from tests.report_schema import SCHEMA, SCHEMA_PATH, report_problems

BASE_URL = "https://www.linkedin.com"


def png(width: int = 3, height: int = 2) -> bytes:
    """A small valid PNG, so a browser can decode the embedded thumbnail."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x20\x90\x40" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


@pytest.fixture
def run(tmp_path: Path) -> RunResult:
    """Three accounts: all private with evidence, a login failure (no flows), one needing attention."""
    folder = tmp_path / "runs" / "20240501-101500-ab12"
    (folder / "evidence" / "ada").mkdir(parents=True)
    (folder / "evidence" / "ada" / "genai-setting.png").write_bytes(png())
    at = "2024-05-01T10:16:00+00:00"
    ada = AccountResult(
        email="ada@example.com", label="Finance", status=AccountStatus.PRIVATE, started_at=at, finished_at=at,
        flows=[
            FlowResult("genai-setting", Outcome.SWITCHED_OFF, evidence=["evidence/ada/genai-setting.png"],
                       finished_at=at),
            FlowResult("objection-ai-training", Outcome.SUBMITTED, case_id="240501-000123", finished_at=at),
        ],
    )
    bob = AccountResult(email="bob@example.com", status=AccountStatus.FAILED, error_code="login-failed",
                        message="LinkedIn rejected the password", hint="Check the password in accounts.csv")
    cy = AccountResult(
        email="cy@example.com", label="Sales", status=AccountStatus.NEEDS_ATTENTION,
        flows=[FlowResult("genai-setting", Outcome.NEEDS_ATTENTION, detail="switch not found",
                          error_code="page-changed")],
    )
    return RunResult(run_id=folder.name, command="batch", base_url=BASE_URL, started_at=at,
                     folder=str(folder), accounts=[ada, bob, cy], finished_at=at)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class AccountRows(HTMLParser):
    """Collects the data-email of every <tr class="account">."""

    def __init__(self) -> None:
        super().__init__()
        self.emails: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and "account" in (found.get("class") or "").split():
            self.emails.append(found.get("data-email") or "")


def account_emails(html_text: str) -> list[str]:
    parser = AccountRows()
    parser.feed(html_text)
    return parser.emails


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str | None]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def all(self, tag: str = "", **attrs: str) -> list[Node]:
        """Every element below this one with that tag (any if empty) and those attribute values."""
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if (not tag or child.tag == tag) and all(child.attrs.get(k) == v for k, v in attrs.items()):
                    found.append(child)
                found += child.all(tag, **attrs)
        return found

    def ancestors(self) -> list[Node]:
        node, found = self.parent, []
        while node is not None:
            found.append(node)
            node = node.parent
        return found

    def text(self) -> str:
        return " ".join(" ".join(c if isinstance(c, str) else c.text() for c in self.children).split())


class Tree(HTMLParser):
    """report.html as a tree of Nodes (the template closes every element it opens, except void ones)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.root = self.at = Node("#document", {})
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.at)
        self.at.children.append(node)
        if tag not in _VOID:
            self.at = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.at = node.parent

    def handle_data(self, data: str) -> None:
        self.at.children.append(data)


def html_tree(run: RunResult) -> Node:
    return Tree(write_reports(run)["html"].read_text(encoding="utf-8")).root


def group_cell(page: Node, email: str, group: str) -> Node:
    (row,) = page.all("tr", **{"data-email": email})
    (cell,) = row.all("td", **{"data-group": group})
    return cell


def test_write_reports_returns_the_three_files(run):
    paths = write_reports(run)

    assert paths == {kind: Path(run.folder) / f"report.{kind}" for kind in ("json", "csv", "html")}
    assert all(path.is_file() for path in paths.values())


def test_json_report_validates_against_the_schema(run):
    doc = json.loads(write_reports(run)["json"].read_text(encoding="utf-8"))

    assert report_problems(doc) == []
    assert doc == report_dict(run)


def test_validation_names_missing_mistyped_and_unknown_keys(run):
    doc = report_dict(run)
    del doc["run_id"]
    doc["dry_run"] = "no"
    doc["accounts"][0]["password"] = "hunter2"
    doc["accounts"][0]["flows"][0]["outcome"] = "maybe"
    doc["accounts"][0]["flows"][0]["evidence"] = ["../elsewhere.png"]

    problems = report_problems(doc)
    assert problems[0] == "$: 'run_id' is a required property"
    assert problems[1] == "$.accounts[0]: Additional properties are not allowed ('password' was unexpected)"
    assert problems[2].startswith("$.accounts[0].flows[0].evidence[0]: ")
    assert problems[3].startswith("$.accounts[0].flows[0].outcome: 'maybe' is not one of ")
    assert problems[4] == "$.dry_run: 'no' is not of type 'boolean'"
    assert len(problems) == 5


def test_validation_rejects_counts_that_disagree_with_the_accounts(run):
    doc = report_dict(run)
    doc["counts"]["private"] += 1

    assert len(report_problems(doc)) == 1
    assert "does not match" in report_problems(doc)[0]


def _enum(name: str) -> list[str]:
    return SCHEMA["$defs"][name]["enum"]


def test_the_schemas_statuses_and_outcomes_are_the_models():
    assert _enum("status") == [status.value for status in AccountStatus]
    assert _enum("outcome") == [outcome.value for outcome in Outcome]
    assert list(SCHEMA["properties"]["counts"]["required"]) == _enum("status")


def _schema_keys(node: object) -> set[str]:
    if isinstance(node, list):
        return set().union(*map(_schema_keys, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    return set(node.get("properties", {})) | set().union(*map(_schema_keys, node.values()))


def test_the_schema_page_names_every_key_status_and_outcome():
    page = (SCHEMA_PATH.parent / "report-schema.md").read_text(encoding="utf-8")
    names = _schema_keys(SCHEMA) | set(_enum("status")) | set(_enum("outcome"))

    assert sorted(name for name in names if f"`{name}`" not in page) == []


def test_the_builder_writes_exactly_the_schemas_keys(run):
    doc = report_dict(run)

    assert set(doc) == set(SCHEMA["properties"])
    assert set(doc["accounts"][0]) == set(SCHEMA["$defs"]["account"]["properties"])
    assert set(doc["accounts"][0]["flows"][0]) == set(SCHEMA["$defs"]["flow"]["properties"])


def test_csv_has_a_row_per_account_and_flow(run):
    path = write_reports(run)["csv"]

    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(CSV_HEADER)
    rows = read_csv(path)
    assert [(row["email"], row["flow"], row["outcome"]) for row in rows] == [
        ("ada@example.com", "genai-setting", "switched-off"),
        ("ada@example.com", "objection-ai-training", "submitted"),
        ("bob@example.com", "", ""),
        ("cy@example.com", "genai-setting", "needs-attention"),
    ]
    assert rows[1]["case_id"] == "240501-000123"
    assert (rows[2]["status"], rows[2]["error_code"]) == ("failed", "login-failed")


def test_csv_escapes_formula_cells(run):
    run.accounts[0].label = "=HYPERLINK(\"http://evil.example\",\"x\")"
    run.accounts[0].flows[0].detail = "+1"
    run.accounts[1].message = "-2+3"
    run.accounts[2].email = "@SUM(A1)"

    rows = read_csv(write_reports(run)["csv"])

    assert rows[0]["label"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert rows[0]["detail"] == "'+1"
    assert rows[2]["detail"] == "'-2+3"
    assert rows[3]["email"] == "'@SUM(A1)"
    assert rows[1]["email"] == "ada@example.com"


def test_html_is_self_contained(run):
    text = write_reports(run)["html"].read_text(encoding="utf-8")

    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.IGNORECASE)
    assert "<script" not in text.lower()
    assert "<link" not in text.lower()
    assert f"<dd>{BASE_URL}</dd>" in text


def test_html_has_a_row_per_account(run):
    text = write_reports(run)["html"].read_text(encoding="utf-8")

    assert account_emails(text) == ["ada@example.com", "bob@example.com", "cy@example.com"]


def test_html_escapes_text(run):
    run.accounts[1].email = '"><script>alert(1)</script>'
    run.accounts[1].message = "<b>bold</b>"

    text = write_reports(run)["html"].read_text(encoding="utf-8")

    assert "<script>" not in text and "<b>bold" not in text
    assert account_emails(text)[1] == '"><script>alert(1)</script>'


def test_flows_are_grouped_as_ai_objections_ads_and_other():
    ads = ("partner-sharing", "ads-by-age", "ads-by-gender", "ads-beyond-linkedin", "ads-third-party-data",
           "ads-conversion-tracking", "ads-inferred-location", "ads-interests")
    expected = {
        "genai-setting": "ai",
        "objection-ai-training": "objections", "objection-personalization": "objections",
        **dict.fromkeys(ads, "ads"),
        "research-sharing": "other", "promotions-ads": "other", "promotions-email": "other",
        "non-essential-cookies": "other",
    }

    assert set(expected) <= set(registry.ENTRIES)
    assert {name: report_group(name) for name in expected} == expected


def test_a_registered_flow_in_no_known_group_is_in_other():
    entries = {"labs-feature": registry.Entry("labs-feature", "switch a lab off", "/labs", groups=("labs",))}

    assert report_group("labs-feature", entries) == "other"


def test_html_shows_a_flow_the_registry_does_not_know_in_other(run):
    run.accounts[0].flows.append(FlowResult("made-up-flow", Outcome.SWITCHED_OFF))

    page = html_tree(run)

    (item,) = page.all("li", **{"data-flow": "made-up-flow"})
    assert [node.attrs.get("data-group") for node in item.ancestors() if node.tag == "td"] == ["other"]


@pytest.mark.parametrize(("outcomes", "worst"), [
    ((Outcome.SWITCHED_OFF, Outcome.ALREADY_OFF, Outcome.NOT_OFFERED), "private"),
    ((Outcome.SWITCHED_OFF, Outcome.IS_ON, Outcome.ALREADY_OFF), "not-private"),
    ((Outcome.IS_ON, Outcome.NEEDS_ATTENTION, Outcome.SWITCHED_OFF), "needs-attention"),
    ((Outcome.NEEDS_ATTENTION, Outcome.FAILED, Outcome.IS_ON), "failed"),
])
def test_html_group_status_is_the_worst_of_its_flows(run, outcomes, worst):
    ads = ("partner-sharing", "ads-by-age", "ads-interests")
    run.accounts[0].flows += [FlowResult(name, outcome) for name, outcome in zip(ads, outcomes, strict=True)]

    cell = group_cell(html_tree(run), "ada@example.com", "ads")

    assert cell.attrs["data-status"] == worst
    (summary,) = cell.all("summary")
    assert summary.all("span")[0].text() == worst
    assert [item.attrs["data-flow"] for item in cell.all("li")] == list(ads)


def test_html_group_without_flows_in_the_plan_shows_nothing(run):
    page = html_tree(run)

    assert group_cell(page, "ada@example.com", "ads").children == []
    assert group_cell(page, "ada@example.com", "ai").all("details") != []


def test_html_group_details_give_each_flows_outcome_case_detail_command_and_screenshots(run):
    run.accounts[2].flows[0].command = "optout run --headed --only genai-setting cy@example.com"
    run.accounts[2].flows[0].case_id = "240501-000999"
    run.accounts[2].flows[0].evidence = ["evidence/cy/genai-setting.png"]
    (Path(run.folder) / "evidence" / "cy").mkdir()
    (Path(run.folder) / "evidence" / "cy" / "genai-setting.png").write_bytes(png())

    (item,) = group_cell(html_tree(run), "cy@example.com", "ai").all("li")

    text = item.text()
    assert text.startswith("genai-setting needs-attention")
    assert "240501-000999" in text and "switch not found" in text and "page-changed" in text
    assert "optout run --headed --only genai-setting cy@example.com" in text
    assert [a.attrs["href"] for a in item.all("a")] == ["evidence/cy/genai-setting.png"] * 2


def test_html_screenshots_are_only_in_closed_details_and_load_lazily(run):
    page = html_tree(run)

    images = page.all("img")
    assert len(images) == 1
    for image in images:
        assert image.attrs.get("loading") == "lazy"
        assert any(node.tag == "details" and "open" not in node.attrs for node in image.ancestors())


def test_evidence_thumbnails_are_embedded(run):
    text = write_reports(run)["html"].read_text(encoding="utf-8")

    assert f'src="data:image/png;base64,{base64.b64encode(png()).decode()}"' in text


def test_missing_evidence_is_noted_not_fatal(run):
    run.accounts[2].flows[0].evidence = ["evidence/cy/gone.png"]

    text = write_reports(run)["html"].read_text(encoding="utf-8")

    assert "evidence/cy/gone.png (missing)" in text


def test_evidence_beyond_the_size_cap_is_linked(run, monkeypatch):
    monkeypatch.setattr(report, "EMBED_LIMIT", 10)

    text = write_reports(run)["html"].read_text(encoding="utf-8")

    assert "data:image/png" not in text
    assert 'href="evidence/ada/genai-setting.png"' in text


def test_evidence_outside_the_run_folder_is_not_read(run):
    (Path(run.folder).parent / "elsewhere.png").write_bytes(png(5, 5))
    run.accounts[0].flows[0].evidence = ["../elsewhere.png"]

    text = write_reports(run)["html"].read_text(encoding="utf-8")

    assert "data:image/png" not in text
    assert "../elsewhere.png (outside the run folder)" in text


def test_report_files_are_0600(run):
    paths = write_reports(run)

    assert {kind: stat.S_IMODE(path.stat().st_mode) for kind, path in paths.items()} == {
        "json": 0o600, "csv": 0o600, "html": 0o600,
    }


def test_missing_run_folder_is_created_0700(run, tmp_path):
    run.folder = str(tmp_path / "runs" / "fresh")

    write_reports(run)

    assert stat.S_IMODE(Path(run.folder).stat().st_mode) == 0o700


def test_rewriting_reports_leaves_no_temporary_files(run):
    write_reports(run)
    run.accounts[2].status = AccountStatus.PRIVATE
    write_reports(run)

    assert sorted(p.name for p in Path(run.folder).iterdir()) == [
        "evidence", "report.csv", "report.html", "report.json",
    ]


def test_summary_table_has_a_row_per_account(run):
    console = Console(record=True, width=200)
    console.print(summary_table(run))
    lines = console.export_text().splitlines()

    for account in run.accounts:
        assert len([line for line in lines if account.email in line]) == 1
    ada = next(line for line in lines if "ada@example.com" in line)
    assert "switched-off" in ada and "submitted 240501-000123" in ada
    assert "needs-attention: switch not found" in next(line for line in lines if "cy@example.com" in line)


def test_summary_table_of_more_flows_than_fit_shows_each_group_with_its_worst_status(run):
    names = list(registry.ENTRIES)
    run.accounts[0].flows = [FlowResult(name, Outcome.SWITCHED_OFF) for name in names]
    run.accounts[0].flows[names.index("ads-by-age")] = FlowResult("ads-by-age", Outcome.FAILED)
    console = Console(record=True, width=250)
    console.print(summary_table(run))
    text = console.export_text()

    header = next(line for line in text.splitlines() if "email" in line)
    assert all(title in header for title in ("AI", "Objections", "Ads", "Other"))
    assert "ads-by-age" not in text
    ada = next(line for line in text.splitlines() if "ada@example.com" in line)
    assert "failed (" in ada and "private (" in ada


def test_summary_table_prints_markup_literally(run):
    run.accounts[0].label = "[red]team[/red]"
    console = Console(record=True, width=200)
    console.print(summary_table(run))

    assert "[red]team[/red]" in console.export_text()


@pytest.fixture(scope="module")
def chromium():
    if not Path("/usr/bin/chromedriver").exists():
        pytest.skip("needs /usr/bin/chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-background-networking"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    yield driver
    driver.quit()


@pytest.mark.browser
def test_browser_displays_every_account_email(run, chromium):
    from selenium.webdriver.common.by import By

    chromium.get(write_reports(run)["html"].as_uri())

    cells = chromium.find_elements(By.CSS_SELECTOR, "tr.account td.email")
    assert [cell.text for cell in cells] == [account.email for account in run.accounts]
    assert all(cell.is_displayed() for cell in cells)


@pytest.mark.browser
def test_browser_shows_and_decodes_a_thumbnail_once_its_group_is_opened(run, chromium):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    chromium.get(write_reports(run)["html"].as_uri())
    (thumb,) = chromium.find_elements(By.CSS_SELECTOR, "img.thumb")
    assert not thumb.is_displayed()

    chromium.find_element(By.CSS_SELECTOR, 'tr[data-email="ada@example.com"] td[data-group="ai"] summary').click()

    WebDriverWait(chromium, 5).until(lambda driver: driver.execute_script("return arguments[0].complete", thumb))
    assert thumb.is_displayed()
    assert chromium.execute_script("return arguments[0].naturalWidth", thumb) == 3


OUTCOMES = (Outcome.SWITCHED_OFF, Outcome.ALREADY_OFF, Outcome.IS_ON, Outcome.NOT_OFFERED, Outcome.FAILED,
            Outcome.SUBMITTED, Outcome.NEEDS_ATTENTION, Outcome.WOULD_CHANGE)


@pytest.fixture
def every_flow_run(run: RunResult) -> RunResult:
    """The three accounts of `run` plus one with a long address running every registered flow (15), each flow with
    a before and an after screenshot, and outcomes of every kind with their details, case ids and commands."""
    email = "a.rather.long.address.of.the.privacy-team-lead@subsidiary-of-a-large-company.example.com"
    folder = Path(run.folder) / "evidence" / email
    folder.mkdir(parents=True)
    flows = []
    for name, outcome in zip(registry.flow_names(), cycle(OUTCOMES), strict=False):
        shots = [f"evidence/{email}/{name}-{when}.png" for when in ("before", "after")]
        for shot in shots:
            (Path(run.folder) / shot).write_bytes(png(640, 400))
        flows.append(FlowResult(
            name, outcome, evidence=shots, finished_at="2024-05-01T10:17:00+00:00",
            case_id="240501-004711" if outcome is Outcome.SUBMITTED else None,
            detail="the switch was not found on the page; its label may have changed in this language"
            if outcome in (Outcome.FAILED, Outcome.NEEDS_ATTENTION) else "",
            error_code="page-changed" if outcome in (Outcome.FAILED, Outcome.NEEDS_ATTENTION) else None,
            command=f"optout run --headed --base-url {BASE_URL} --only {name} {email}"
            if outcome is Outcome.NEEDS_ATTENTION else None))
    run.accounts.append(AccountResult(
        email=email, label="Privacy team", status=AccountStatus.FAILED, flows=flows,
        started_at="2024-05-01T10:16:00+00:00", finished_at="2024-05-01T10:19:00+00:00",
        message="2 flows failed and 2 need a person", hint="A person can finish it in a visible window"))
    return run


@pytest.fixture
def at_1280(chromium):
    """The browser with a viewport exactly 1,280 CSS px wide."""

    def viewport(height: int) -> None:
        chromium.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                 {"width": 1280, "height": height, "deviceScaleFactor": 1, "mobile": False})

    viewport(900)
    yield viewport
    chromium.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def widths_and_screenshot(chromium, at_1280, path: Path) -> tuple[int, int]:
    """The viewport's and the page's width; a screenshot of the whole page saved to path."""
    widths = chromium.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
    at_1280(min(chromium.execute_script("return document.documentElement.scrollHeight"), 8000))
    chromium.save_screenshot(str(path))
    return tuple(widths)


@pytest.mark.browser
def test_browser_report_of_every_flow_fits_1280_px_without_scrolling_sideways(every_flow_run, chromium, at_1280,
                                                                              tmp_path):
    assert len(every_flow_run.accounts[-1].flows) >= 15
    chromium.get(write_reports(every_flow_run)["html"].as_uri())

    viewport, page = widths_and_screenshot(chromium, at_1280, tmp_path / "report-1280.png")

    assert viewport == 1280
    assert page <= 1280
    assert (tmp_path / "report-1280.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.browser
def test_browser_report_of_every_flow_fits_1280_px_with_every_group_opened(every_flow_run, chromium, at_1280,
                                                                           tmp_path):
    from selenium.webdriver.support.ui import WebDriverWait

    chromium.get(write_reports(every_flow_run)["html"].as_uri())
    at_1280(4000)
    chromium.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    WebDriverWait(chromium, 10).until(
        lambda driver: driver.execute_script("return [...document.images].every(i => i.complete)"))

    viewport, page = widths_and_screenshot(chromium, at_1280, tmp_path / "report-1280-opened.png")

    assert viewport == 1280
    assert page <= 1280
    assert chromium.execute_script("return document.images.length") == 2 * len(every_flow_run.accounts[-1].flows) + 1
