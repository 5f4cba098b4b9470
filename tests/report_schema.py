"""report.json checked against docs/report-schema.json (JSON Schema 2020-12) with `jsonschema`."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "report-schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
_VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def report_problems(doc: object) -> list[str]:
    """What is wrong with a report document, one `<json path>: <message>` a problem; empty when valid.

    Beyond the schema, which cannot say it: the counts must tally the accounts' statuses."""
    errors = sorted(_VALIDATOR.iter_errors(doc), key=lambda error: list(map(str, error.absolute_path)))
    problems = [f"{error.json_path}: {error.message}" for error in errors]
    if not problems:
        tally = dict.fromkeys(doc["counts"], 0)
        for account in doc["accounts"]:
            tally[account["status"]] += 1
        if tally != doc["counts"]:
            problems.append(f"$.counts: {doc['counts']} does not match the accounts' statuses {tally}")
    return problems
