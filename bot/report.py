"""The report of a run: report.json, report.csv and report.html in the run's folder, and the terminal summary.

Only the fields of the results model are rendered, so nothing the model does not hold (passwords, cookies,
TOTP secrets) can reach a report. The JSON document is described in docs/report-schema.md.
"""

from __future__ import annotations

import base64
import csv
import io
import json
from collections.abc import Iterator
from html import escape
from pathlib import Path, PurePath
from string import Template
from urllib.parse import quote

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
    """The JSON document of a run (schema_version 1, see docs/report-schema.md)."""
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


# The documented keys of each object and their JSON types ("|" separates alternatives).
_RUN_KEYS = {"schema_version": "integer", "run_id": "string", "command": "string", "base_url": "string",
             "dry_run": "boolean", "started_at": "string", "finished_at": "string|null", "counts": "object",
             "accounts": "array"}
_ACCOUNT_KEYS = {"email": "string", "label": "string", "status": "string", "error_code": "string|null",
                 "message": "string", "hint": "string", "started_at": "string|null",
                 "finished_at": "string|null", "browser_restarts": "integer", "flows": "array"}
_FLOW_KEYS = {"flow": "string", "outcome": "string", "detail": "string", "case_id": "string|null",
              "error_code": "string|null", "evidence": "array", "finished_at": "string|null", "locators": "object",
              "command": "string|null", "applied": "integer"}
_JSON_TYPES = {bool: "boolean", int: "integer", str: "string", dict: "object", list: "array",
               type(None): "null"}


def _account_dict(account: AccountResult) -> dict:
    doc = {key: getattr(account, key) for key in _ACCOUNT_KEYS}  # the documented keys, and only those
    flows = [_flow_dict(flow) for flow in account.flows]
    return doc | {"status": AccountStatus(account.status).value, "flows": flows}


def _flow_dict(flow: FlowResult) -> dict:
    doc = {key: getattr(flow, key) for key in _FLOW_KEYS}
    return doc | {"outcome": Outcome(flow.outcome).value, "evidence": [str(path) for path in flow.evidence],
                  "locators": dict(flow.locators)}


def validate_report(doc: dict) -> list[str]:
    """Check a report document against docs/report-schema.md; return the problems found (empty: valid)."""
    problems = _check_keys(doc, _RUN_KEYS, "report")
    if not isinstance(doc, dict):
        return problems
    if "schema_version" in doc and doc["schema_version"] != SCHEMA_VERSION:
        problems.append(f"report.schema_version: expected {SCHEMA_VERSION}, got {doc['schema_version']!r}")
    counts, accounts = doc.get("counts"), doc.get("accounts")
    if isinstance(counts, dict):
        problems += _check_counts(counts)
    if isinstance(accounts, list):
        for i, account in enumerate(accounts):
            problems += _check_account(account, f"accounts[{i}]")
    if isinstance(counts, dict) and isinstance(accounts, list) and not problems:
        tally = {status.value: 0 for status in AccountStatus}
        for account in accounts:
            tally[account["status"]] += 1
        if tally != counts:
            problems.append(f"report.counts: {counts} does not match the accounts' statuses {tally}")
    return problems


def _check_keys(obj: object, keys: dict[str, str], where: str) -> list[str]:
    if not isinstance(obj, dict):
        return [f"{where}: expected an object, got {type(obj).__name__}"]
    problems = [f"{where}: missing key {key!r}" for key in keys if key not in obj]
    problems += [f"{where}: unknown key {key!r}" for key in obj if key not in keys]
    for key, wanted in keys.items():
        got = _JSON_TYPES.get(type(obj.get(key)), type(obj.get(key)).__name__)
        if key in obj and got not in wanted.split("|"):
            problems.append(f"{where}.{key}: expected {wanted.replace('|', ' or ')}, got {got}")
    return problems


def _check_counts(counts: dict) -> list[str]:
    statuses = {status.value for status in AccountStatus}
    problems = [f"report.counts: missing status {s!r}" for s in sorted(statuses - counts.keys())]
    problems += [f"report.counts: unknown status {s!r}" for s in counts if s not in statuses]
    problems += [f"report.counts.{s}: expected a non-negative integer, got {n!r}" for s, n in counts.items()
                 if isinstance(n, bool) or not isinstance(n, int) or n < 0]
    return problems


def _check_account(account: object, where: str) -> list[str]:
    problems = _check_keys(account, _ACCOUNT_KEYS, where)
    if problems:
        return problems
    if account["status"] not in {status.value for status in AccountStatus}:
        problems.append(f"{where}.status: unknown status {account['status']!r}")
    for j, flow in enumerate(account["flows"]):
        problems += _check_flow(flow, f"{where}.flows[{j}]")
    return problems


def _check_flow(flow: object, where: str) -> list[str]:
    problems = _check_keys(flow, _FLOW_KEYS, where)
    if problems:
        return problems
    if flow["outcome"] not in {outcome.value for outcome in Outcome}:
        problems.append(f"{where}.outcome: unknown outcome {flow['outcome']!r}")
    for k, path in enumerate(flow["evidence"]):
        if not isinstance(path, str) or PurePath(path).is_absolute() or ".." in PurePath(path).parts:
            problems.append(f"{where}.evidence[{k}]: expected a path inside the run folder, got {path!r}")
    problems += [f"{where}.locators.{name}: expected a string, got {strategy!r}"
                 for name, strategy in flow["locators"].items() if not isinstance(strategy, str)]
    return problems


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
    return "dim" if outcome is Outcome.SKIPPED else "yellow"


def _flow_names(run: RunResult) -> list[str]:
    """Every flow in the run: the plan's canonical order first, then any others as first seen."""
    seen = list(dict.fromkeys(flow.flow for account in run.accounts for flow in account.flows))
    return [n for n in FLOW_NAMES if n in seen] + [n for n in seen if n not in FLOW_NAMES]


class _Evidence:
    """Turns evidence paths into thumbnails, embedding PNGs from the run folder while the budget lasts."""

    def __init__(self, folder: Path, budget: int) -> None:
        self.folder = folder.resolve()
        self.budget = budget

    def html(self, relative: str) -> str:
        path = (self.folder / relative).resolve()
        if not path.is_relative_to(self.folder):
            return f'<span class="missing">{escape(relative)} (outside the run folder)</span>'
        if not path.is_file():
            return f'<span class="missing">{escape(relative)} (missing)</span>'
        href = escape(quote(PurePath(relative).as_posix()))
        link = f'<a class="file" href="{href}">{escape(relative)}</a>'
        try:
            if _base64_size(path.stat().st_size) > self.budget:
                return link
            data = path.read_bytes()
        except OSError:
            return f'<span class="missing">{escape(relative)} (unreadable)</span>'
        if not data.startswith(_PNG_MAGIC):
            return link
        encoded = base64.b64encode(data).decode("ascii")
        self.budget -= len(encoded)
        return (f'<a href="{href}"><img class="thumb" src="data:image/png;base64,{encoded}" '
                f'alt="{escape(relative)}" title="{escape(relative)}"></a>')


def _base64_size(size: int) -> int:
    return 4 * ((size + 2) // 3)


def _html_text(run: RunResult) -> str:
    names = _flow_names(run)
    evidence = _Evidence(Path(run.folder), EMBED_LIMIT)
    rows = [_account_row(account, names, evidence) for account in run.accounts]
    empty = f'<tr><td colspan="{len(names) + 6}" class="dim">No accounts in this run.</td></tr>'
    counts = " ".join(f'<span class="badge {_CSS_CLASS[_STATUS_STYLE[AccountStatus(s)]] if n else "dim"}">'
                      f"{escape(s)}: {n}</span>" for s, n in run.counts().items())
    return _PAGE.substitute(
        run_id=escape(run.run_id), command=escape(run.command), base_url=escape(run.base_url),
        started_at=escape(run.started_at), finished_at=escape(run.finished_at or "not finished"),
        dry_run='<p class="notice">Dry run: nothing was changed.</p>' if run.dry_run else "",
        counts=counts, flow_headers="".join(f"<th>{escape(name)}</th>" for name in names),
        rows="\n".join(rows) or empty,
    )


def _account_row(account: AccountResult, names: list[str], evidence: _Evidence) -> str:
    flows = {flow.flow: flow for flow in account.flows}
    style = _CSS_CLASS[_STATUS_STYLE[account.status]]
    cases = "<br>".join(escape(f"{f.flow}: {f.case_id}") for f in account.flows if f.case_id)
    message = escape(account.message)
    if account.error_code:
        message += f' <code>{escape(account.error_code)}</code>'
    if account.hint:
        message += f'<div class="hint">{escape(account.hint)}</div>'
    cells = [
        f'<td class="email">{escape(account.email)}</td>',
        f"<td>{escape(account.label)}</td>",
        f'<td><span class="badge {style}">{escape(account.status)}</span></td>',
        *(_flow_cell(flows.get(name), evidence) for name in names),
        f"<td>{cases}</td>",
        f"<td>{message}</td>",
        f'<td class="time">{escape(account.started_at or "")}<br>{escape(account.finished_at or "")}</td>',
    ]
    return f'<tr class="account" data-email="{escape(account.email)}">{"".join(cells)}</tr>'


def _flow_cell(flow: FlowResult | None, evidence: _Evidence) -> str:
    if flow is None:
        return '<td class="dim">-</td>'
    title = " ".join(part for part in (flow.finished_at, flow.error_code) if part)
    thumbs = "".join(f'<div class="evidence">{evidence.html(str(path))}</div>' for path in flow.evidence)
    command = f'<div class="hint">finish it: <code class="command">{escape(flow.command)}</code></div>' \
        if flow.command else ""
    return (f'<td title="{escape(title)}"><span class="{_CSS_CLASS[_outcome_style(flow.outcome)]}">'
            f"{escape(flow.line())}</span>{command}{thumbs}</td>")


_PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LinkedIn opt-out report: run $run_id</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; }
h1 { font-size: 1.4rem; margin: 0 0 .8rem; }
dl.run { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; margin: 0 0 1rem; }
dt { font-weight: 600; } dd { margin: 0; font-family: ui-monospace, monospace; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d0d5; padding: .4rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f6; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: .8rem; font-weight: 600;
         white-space: nowrap; }
.badge.good { background: #dcf5e3; } .badge.warn { background: #fff1c2; } .badge.bad { background: #fbdcdc; }
.badge.dim { background: #eee; color: #777; }
span.good { color: #17753a; } span.warn { color: #8a6100; } span.bad { color: #b42318; } .dim { color: #888; }
.counts .badge { margin-right: .4rem; }
.notice { background: #fff1c2; padding: .4rem .6rem; border-radius: .3rem; }
.hint { color: #555; font-style: italic; margin-top: .2rem; }
.time { font-family: ui-monospace, monospace; font-size: .8rem; white-space: nowrap; }
.thumb { max-width: 180px; max-height: 120px; border: 1px solid #ccc; margin-top: .3rem; }
.missing { color: #888; font-size: .8rem; }
.file { font-size: .8rem; }
</style>
</head>
<body>
<h1>LinkedIn opt-out report</h1>
<dl class="run">
<dt>Run</dt><dd>$run_id</dd>
<dt>Command</dt><dd>$command</dd>
<dt>Base URL</dt><dd>$base_url</dd>
<dt>Started</dt><dd>$started_at</dd>
<dt>Finished</dt><dd>$finished_at</dd>
</dl>
$dry_run
<p class="counts">$counts</p>
<table>
<thead><tr><th>Email</th><th>Label</th><th>Status</th>$flow_headers
<th>Case numbers</th><th>Message</th><th>Time</th></tr></thead>
<tbody>
$rows
</tbody>
</table>
</body>
</html>
""")
