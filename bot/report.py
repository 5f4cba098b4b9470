"""The report of a run: report.json, report.csv and report.html in the run's folder, and the terminal summary.

Only the fields of the results model are rendered, so nothing the model does not hold (passwords, cookies,
TOTP secrets) can reach a report. The JSON document is described in docs/report-schema.md, and as a JSON
Schema in docs/report-schema.json; report.html is rendered from bot/templates/report.html.j2: one row per account
and one column per group of flows (`REPORT_GROUPS`, from the registry's groups by `report_group`), each showing the
worst status of its flows, with the flows and their screenshots in a <details> that loads them when opened.
"""

from __future__ import annotations

import base64
import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from rich.table import Table
from rich.text import Text

from bot.private_files import make_private_dir, write_private
from bot.results import AccountResult, AccountStatus, FlowResult, Outcome, RunResult
from flows import registry
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

REPORT_GROUPS: dict[str, str] = {"ai": "AI", "objections": "Objections", "ads": "Ads", "other": "Other"}
"""report.html's groups of flows, in column order: key -> column heading."""
_FROM_REGISTRY = (("objection-form", "objections"), ("ai", "ai"), ("ads", "ads"))
"""Registry group -> report group, the first that matches wins (objection-ai-training, in ai and objection-form, is
an objection); a flow in none of them is in "other" (research, promotions, cookies, or no group at all)."""
_SEVERITY = (AccountStatus.PRIVATE, AccountStatus.NOT_PRIVATE, AccountStatus.NEEDS_ATTENTION, AccountStatus.FAILED)


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


TERMINAL_FLOW_COLUMNS = 5  # the default plan's flows fit a terminal side by side; more are shown by group


def summary_table(run: RunResult) -> Table:
    """One row per account: email, label, status, then each flow's outcome line (or, with more flows than fit a
    terminal, each group's status and how many of its flows are private); a message column if any."""
    names = _flow_names(run)
    by_group = len(names) > TERMINAL_FLOW_COLUMNS
    columns = [title for key, title in REPORT_GROUPS.items() if any(report_group(n) == key for n in names)] \
        if by_group else names
    with_message = any(account.message for account in run.accounts)
    table = Table(title=f"run {run.run_id}" + (" (dry run)" if run.dry_run else ""))
    for header in ("email", "label", "status", *columns, *(["message"] if with_message else [])):
        table.add_column(Text(header))
    for account in run.accounts:
        status = Text(account.status, _STATUS_STYLE[account.status])
        cells = [Text(account.email), Text(account.label), status]
        if by_group:
            cells += [_group_text([f for f in account.flows if REPORT_GROUPS[report_group(f.flow)] == title])
                      for title in columns]
        else:
            flows = {flow.flow: flow for flow in account.flows}
            cells += [_flow_text(flows.get(name)) for name in names]
        table.add_row(*cells, *([Text(account.message)] if with_message else []))
    return table


def _group_text(flows: list[FlowResult]) -> Text:
    status = group_status(flows)
    if status is None:
        return Text("-", "dim")
    private = sum(flow.outcome.is_private for flow in flows)
    return Text(f"{status} ({private} of {len(flows)} private)", _STATUS_STYLE[status])


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


def report_group(flow: str, entries: Mapping[str, registry.Entry] | None = None) -> str:
    """The report group (a key of `REPORT_GROUPS`) of a flow, by its groups in the registry (`registry.ENTRIES`
    unless `entries` is given); "other" for a flow in no known group or not in the registry."""
    entry = (registry.ENTRIES if entries is None else entries).get(flow)
    groups = entry.groups if entry is not None else ()
    return next((ours for theirs, ours in _FROM_REGISTRY if theirs in groups), "other")


def flow_status(flow: FlowResult) -> AccountStatus:
    """What one flow says of the account: failed, needs-attention, private or not-private."""
    if flow.outcome is Outcome.FAILED:
        return AccountStatus.FAILED
    if flow.outcome is Outcome.NEEDS_ATTENTION:
        return AccountStatus.NEEDS_ATTENTION
    return AccountStatus.PRIVATE if flow.outcome.is_private else AccountStatus.NOT_PRIVATE


def group_status(flows: Iterable[FlowResult]) -> AccountStatus | None:
    """The worst status of the flows (failed > needs-attention > not-private > private); None without flows."""
    return max(map(flow_status, flows), key=_SEVERITY.index, default=None)


@dataclass(frozen=True)
class _Thumb:
    """One piece of evidence as report.html shows it: an embedded image, a link to the file, or a note."""

    kind: str  # "image", "link" or "note"
    path: str
    note: str = ""
    href: str = ""
    data: str = ""

    @property
    def name(self) -> str:
        return PurePath(self.path).name


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
    groups = [{"key": key, "title": title, "flows": [name for name in names if report_group(name) == key]}
              for key, title in REPORT_GROUPS.items()]
    rows = [_account_row(account, names, evidence) for account in run.accounts]
    return _TEMPLATES.get_template("report.html.j2").render(run=run, counts=counts, groups=groups, rows=rows)


def _account_row(account: AccountResult, names: list[str], evidence: _Evidence) -> dict[str, Any]:
    flows = sorted(account.flows, key=lambda flow: names.index(flow.flow))  # the plan's order, as the columns were
    return {"account": account, "css": _CSS_CLASS[_STATUS_STYLE[account.status]],
            "groups": [_group_cell(key, [f for f in flows if report_group(f.flow) == key], evidence)
                       for key in REPORT_GROUPS],
            "cases": [f"{f.flow}: {f.case_id}" for f in account.flows if f.case_id]}


def _group_cell(key: str, flows: list[FlowResult], evidence: _Evidence) -> dict[str, Any]:
    status = group_status(flows)
    return {"key": key, "status": status, "css": _CSS_CLASS[_STATUS_STYLE[status]] if status else "dim",
            "private": sum(flow.outcome.is_private for flow in flows),
            "flows": [_flow_item(flow, evidence) for flow in flows]}


def _flow_item(flow: FlowResult, evidence: _Evidence) -> dict[str, Any]:
    return {"flow": flow, "title": " ".join(part for part in (flow.finished_at, flow.error_code) if part),
            "css": _CSS_CLASS[_outcome_style(flow.outcome)], "outcome": Outcome(flow.outcome).value,
            "evidence": [evidence.thumb(str(path)) for path in flow.evidence]}


_TEMPLATES = Environment(loader=PackageLoader("bot", "templates"), autoescape=True, keep_trailing_newline=True,
                         undefined=StrictUndefined)
