"""The report of a run: report.json, report.csv and report.html in the run's folder, and the terminal summary.

Only the fields of the results model are rendered, so nothing the model does not hold (passwords, cookies,
TOTP secrets) can reach a report. The JSON document is described in docs/report-schema.md, and as a JSON
Schema in docs/report-schema.json; report.html is rendered from bot/templates/report.html.j2.
"""

from __future__ import annotations

import base64
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from rich.table import Table
from rich.text import Text

from bot.private_files import make_private_dir, write_private
from bot.results import AccountResult, AccountStatus, FlowResult, Outcome, RunResult
from flows.plan import FLOW_NAMES

SCHEMA_VERSION = 1
CSV_HEADER = ("email", "label", "status", "flow", "outcome", "case_id", "detail", "error_code", "finished_at")
EMBED_LIMIT = 20 * 1024 * 1024
"""Bytes of base64 evidence report.html may embed; evidence beyond it is linked by its relative path."""

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

_STATUS_STYLE = {AccountStatus.PRIVATE: "green", AccountStatus.NOT_PRIVATE: "yellow",
                 AccountStatus.NEEDS_ATTENTION: "yellow", AccountStatus.FAILED: "red",
                 AccountStatus.PENDING: "dim"}
_CSS_CLASS = {"green": "good", "yellow": "warn", "red": "bad", "dim": "dim"}


def write_reports(run: RunResult) -> dict[str, Path]:
    """Write report.json, report.csv and report.html into the run's folder; return their paths by format."""
    folder = make_private_dir(Path(run.folder))
    texts = {
        "json": json.dumps(report_dict(run), indent=2, ensure_ascii=False) + "\n",
        "csv": _csv_text(run),
        "html": _html_text(run),
    }
    paths = {kind: folder / f"report.{kind}" for kind in texts}
    for kind, text in texts.items():
        write_private(paths[kind], text.encode("utf-8"))
    return paths


def report_dict(run: RunResult) -> dict:
    """The JSON document of a run (schema_version 1, see docs/report-schema.md and docs/report-schema.json)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "run_id": run.run_id,
        "command": run.command,
        "base_url": run.base_url,
        "dry_run": run.dry_run,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "counts": run.counts(),
        "accounts": [_account_dict(account) for account in run.accounts],
    }


# The documented keys of each object (docs/report-schema.json), and only those.
_ACCOUNT_KEYS = ("email", "label", "status", "error_code", "message", "hint", "started_at", "finished_at",
                 "browser_restarts", "flows")
_FLOW_KEYS = ("flow", "outcome", "detail", "case_id", "error_code", "evidence", "finished_at", "locators",
              "command", "applied")


def _account_dict(account: AccountResult) -> dict:
    doc = {key: getattr(account, key) for key in _ACCOUNT_KEYS}
    flows = [_flow_dict(flow) for flow in account.flows]
    return doc | {"status": AccountStatus(account.status).value, "flows": flows}


def _flow_dict(flow: FlowResult) -> dict:
    doc = {key: getattr(flow, key) for key in _FLOW_KEYS}
    return doc | {"outcome": Outcome(flow.outcome).value, "evidence": [str(path) for path in flow.evidence],
                  "locators": dict(flow.locators)}


def _csv_text(run: RunResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in _csv_rows(run):
        writer.writerow([_csv_cell(cell) for cell in row])
    return buffer.getvalue()


def _csv_rows(run: RunResult) -> Iterator[list[str | None]]:
    for account in run.accounts:
        who = [account.email, account.label, AccountStatus(account.status).value]
        if not account.flows:  # e.g. login failed: the account's own error fills the row
            yield [*who, "", "", "", account.message, account.error_code, account.finished_at]
        for flow in account.flows:
            yield [*who, flow.flow, Outcome(flow.outcome).value, flow.case_id, flow.detail, flow.error_code,
                   flow.finished_at]


def _csv_cell(value: str | None) -> str:
    """Empty for None; a leading quote on cells a spreadsheet would run as a formula."""
    text = value or ""
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def summary_table(run: RunResult) -> Table:
    """One row per account: email, label, status, then each flow's outcome line; a message column if any."""
    names = _flow_names(run)
    with_message = any(account.message for account in run.accounts)
    table = Table(title=f"run {run.run_id}" + (" (dry run)" if run.dry_run else ""))
    for header in ("email", "label", "status", *names, *(["message"] if with_message else [])):
        table.add_column(Text(header))
    for account in run.accounts:
        flows = {flow.flow: flow for flow in account.flows}
        status = Text(account.status, _STATUS_STYLE[account.status])
        cells = [Text(account.email), Text(account.label), status]
        cells += [_flow_text(flows.get(name)) for name in names]
        table.add_row(*cells, *([Text(account.message)] if with_message else []))
    return table


def _flow_text(flow: FlowResult | None) -> Text:
    return Text("-", "dim") if flow is None else Text(flow.line(), _outcome_style(flow.outcome))


def _outcome_style(outcome: Outcome) -> str:
    if outcome.is_private:
        return "green"
    if outcome is Outcome.FAILED:
        return "red"
    return "yellow"


def _flow_names(run: RunResult) -> list[str]:
    """Every flow in the run: the plan's canonical order first, then any others as first seen."""
    seen = list(dict.fromkeys(flow.flow for account in run.accounts for flow in account.flows))
    return [n for n in FLOW_NAMES if n in seen] + [n for n in seen if n not in FLOW_NAMES]


@dataclass(frozen=True)
class _Thumb:
    """One piece of evidence as report.html shows it: an embedded image, a link to the file, or a note."""

    kind: str  # "image", "link" or "note"
    path: str
    note: str = ""
    href: str = ""
    data: str = ""


class _Evidence:
    """Turns evidence paths into thumbnails, embedding PNGs from the run folder while the budget lasts."""

    def __init__(self, folder: Path, budget: int) -> None:
        self.folder = folder.resolve()
        self.budget = budget

    def thumb(self, relative: str) -> _Thumb:
        path = (self.folder / relative).resolve()
        if not path.is_relative_to(self.folder):
            return _Thumb("note", relative, note="outside the run folder")
        if not path.is_file():
            return _Thumb("note", relative, note="missing")
        link = _Thumb("link", relative, href=quote(PurePath(relative).as_posix()))
        try:
            if _base64_size(path.stat().st_size) > self.budget:
                return link
            data = path.read_bytes()
        except OSError:
            return _Thumb("note", relative, note="unreadable")
        if not data.startswith(_PNG_MAGIC):
            return link
        encoded = base64.b64encode(data).decode("ascii")
        self.budget -= len(encoded)
        return _Thumb("image", relative, href=link.href, data=encoded)


def _base64_size(size: int) -> int:
    return 4 * ((size + 2) // 3)


def _html_text(run: RunResult) -> str:
    names = _flow_names(run)
    evidence = _Evidence(Path(run.folder), EMBED_LIMIT)
    counts = [{"status": status, "count": n, "css": _CSS_CLASS[_STATUS_STYLE[AccountStatus(status)]] if n else "dim"}
              for status, n in run.counts().items()]
    rows = [_account_row(account, names, evidence) for account in run.accounts]
    return _TEMPLATES.get_template("report.html.j2").render(run=run, counts=counts, flow_names=names, rows=rows)


def _account_row(account: AccountResult, names: list[str], evidence: _Evidence) -> dict[str, Any]:
    flows = {flow.flow: flow for flow in account.flows}
    return {"account": account, "css": _CSS_CLASS[_STATUS_STYLE[account.status]],
            "flows": [_flow_cell(flows.get(name), evidence) for name in names],
            "cases": [f"{f.flow}: {f.case_id}" for f in account.flows if f.case_id]}


def _flow_cell(flow: FlowResult | None, evidence: _Evidence) -> dict[str, Any] | None:
    if flow is None:
        return None
    return {"title": " ".join(part for part in (flow.finished_at, flow.error_code) if part),
            "css": _CSS_CLASS[_outcome_style(flow.outcome)], "line": flow.line(), "command": flow.command,
            "evidence": [evidence.thumb(str(path)) for path in flow.evidence]}


_TEMPLATES = Environment(loader=PackageLoader("bot", "templates"), autoescape=True, keep_trailing_newline=True,
                         undefined=StrictUndefined)
