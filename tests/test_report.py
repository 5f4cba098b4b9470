"""The run report: report.json against its schema, report.csv, report.html and the terminal summary."""

from __future__ import annotations

import base64
import csv
import json
import re
import stat
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

from bot import report
from bot.report import CSV_HEADER, report_dict, summary_table, write_reports
from bot.results import AccountResult, AccountStatus, FlowResult, Outcome, RunResult
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
def test_browser_decodes_the_embedded_thumbnails(run, chromium):
    from selenium.webdriver.common.by import By

    chromium.get(write_reports(run)["html"].as_uri())

    thumbs = chromium.find_elements(By.CSS_SELECTOR, "img.thumb")
    assert [chromium.execute_script("return arguments[0].naturalWidth", img) for img in thumbs] == [3]
