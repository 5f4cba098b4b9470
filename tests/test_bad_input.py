"""Bad input never starts a browser: every malformed CSV, .env file, flag, URL or folder gets one `error:` line
(and at most one `hint:` line) naming it, and exit 2. Each case runs the real `optout` with OPTOUT_BROWSER_PATH
pointing nowhere, so a browser start would end in exit 3: exit 2 proves the input was checked first."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

RUN_ID = re.compile(r"\d{8}-\d{6}-[0-9a-f]{4}")
NO_BROWSER = {"OPTOUT_BROWSER_PATH": "/nonexistent"}
CSV = "accounts.csv"
GOOD_ROWS = "email,password\nana@example.com,pw\n"
EMAIL = {"LINKEDIN_EMAIL": "ana@example.com", "LINKEDIN_PASSWORD": "pw"}


@dataclass(frozen=True)
class Case:
    """`args` and `names` may hold {home} (the fixture's home folder); files are written under home, 0600."""

    args: tuple[str, ...]
    names: str
    files: dict[str, str | bytes] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    base_url: bool = True


def batch(files: str | bytes, names: str = "{home}/" + CSV, *extra: str) -> Case:
    return Case(("batch", "{home}/" + CSV, *extra), names, {CSV: files})


def good_batch(*extra: str, names: str, env: dict[str, str] | None = None) -> Case:
    return Case(("batch", "{home}/" + CSV, *extra), names, {CSV: GOOD_ROWS}, env or {})


def run(*extra: str, names: str, env: dict[str, str] | None = None, files: dict[str, str | bytes] | None = None,
        base_url: bool = True) -> Case:
    return Case(("run", *extra), names, files or {}, {**EMAIL, **(env or {})}, base_url)


CASES = {
    # the accounts CSV: encodings, delimiters, quoting, size, content
    "csv-utf16": batch(GOOD_ROWS.encode("utf-16"), "{home}/accounts.csv: not UTF-8 text (it is UTF-16)"),
    "csv-latin1-accent": batch("email,password,label\nana@example.com,pw,Jos\u00e9\n".encode("latin-1"),
                               "{home}/accounts.csv: not UTF-8 text (byte offset 43)"),
    "csv-tab-separated": batch(GOOD_ROWS.replace(",", "\t"), "separated by tabs"),
    "csv-mixed-delimiters": batch("email,password\nana@example.com;pw\n", "malformed email 'ana@example.com;pw'"),
    "csv-unclosed-quote": batch('email,password\nana@example.com,pw\nbo@example.com,"pw\n', "row 3: not valid CSV"),
    "csv-over-10-mb": batch("email,password\n" + "x" * (10 * 1024 * 1024), "{home}/accounts.csv: larger than 10 MB"),
    "csv-binary": batch(bytes(range(256)) * 4, "{home}/accounts.csv: not UTF-8 text"),
    "csv-empty": batch("", "no accounts: the file is empty"),
    "csv-header-only": batch("email,password\n", "the file has a header row and nothing below it"),
    "csv-missing": Case(("batch", "{home}/nope.csv"), "{home}/nope.csv: no such file"),
    "csv-is-a-folder": Case(("batch", "{home}"), "{home}: is a directory"),
    "csv-unknown-column": batch("email,pasword\nana@example.com,pw\n", "unknown column 'pasword'"),
    "csv-duplicate-email": batch(GOOD_ROWS + "ANA@example.com,pw\n", "row 3: duplicate email 'ana@example.com'"),
    "csv-malformed-email": batch("email,password\nana.example.com,pw\n", "row 2: malformed email"),
    "csv-no-credential": batch("email,label\nana@example.com,Ana\n", "row 2: no credential"),
    "csv-password-env-unset": batch("email,password_env\nana@example.com,ANA_PW\n", "ANA_PW, which is not set"),
    "csv-unknown-flow": batch("email,password,flows\nana@example.com,pw,genai-setting;nope\n",
                              "row 2: unknown flow 'nope'"),
    "check-csv-unknown-column": Case(("check", "{home}/" + CSV), "unknown column 'pasword'",
                                     {CSV: "email,pasword\nana@example.com,pw\n"}),
    "batch-missing-argument": Case(("batch",), "accounts_csv"),
    # .env files
    "env-file-syntax": run("--env-file", "{home}/bad.env", names="{home}/bad.env: line 2",
                           files={"bad.env": "OPTOUT_TIMEOUT=5\nthis is not a setting\n"}),
    "env-file-unclosed-quote": run("--env-file", "{home}/bad.env", names="{home}/bad.env: line 1",
                                   files={"bad.env": 'LINKEDIN_PASSWORD="unclosed\n'}),
    "dotenv-in-working-folder-syntax": run(names="{home}/.env: line 1", files={".env": "= no name\n"}),
    "env-file-missing": run("--env-file", "{home}/missing.env", names="--env-file"),
    "env-file-is-a-folder": run("--env-file", "{home}", names="--env-file"),
    "env-file-binary": run("--env-file", "{home}/bad.env", names="{home}/bad.env: not a .env file",
                           files={"bad.env": b"OPTOUT_TIMEOUT=5\n\x00\x01\x02\n"}),
    "env-file-latin1": run("--env-file", "{home}/bad.env", names="{home}/bad.env: the .env file is not UTF-8",
                           files={"bad.env": "OPTOUT_OUT=r\u00e9sultats\n".encode("latin-1")}),
    "env-file-bad-number": run("--env-file", "{home}/bad.env", names="OPTOUT_TIMEOUT (in {home}/bad.env)",
                               files={"bad.env": "OPTOUT_TIMEOUT=soon\n"}, env={"OPTOUT_TIMEOUT": ""}),
    # flags
    "unknown-flag": good_batch("--no-such-flag", names="--no-such-flag"),
    "workers-0": good_batch("--workers", "0", names="--workers"),
    "workers-abc": good_batch("--workers", "abc", names="--workers"),
    "min-interval-negative": good_batch("--min-interval", "-1", names="--min-interval"),
    "timeout-0": good_batch("--timeout", "0", names="--timeout"),
    "timeout-nan": run("--timeout", "nan", names="--timeout"),
    "timeout-abc": run("--timeout", "abc", names="--timeout"),
    "challenge-timeout-negative": run("--challenge-timeout", "-5", names="--challenge-timeout"),
    "only-nonsense": good_batch("--only", "nonsense", names="--only: unknown flow 'nonsense'"),
    "only-without-value": run("--only", names="--only", base_url=False),
    "resume-without-earlier-run": good_batch("--resume", names="--resume: no earlier `batch`"),
    # URLs
    "url-ftp": run("--base-url", "ftp://www.linkedin.com", names="--base-url", base_url=False),
    "url-http-remote-host": run("--base-url", "http://example.com", names="--base-url: plain http",
                                base_url=False),
    "url-no-host": run("--base-url", "https://", names="--base-url", base_url=False),
    "url-garbage": run("--base-url", "linkedin dot com", names="--base-url", base_url=False),
    "url-bad-port": run("--base-url", "https://www.linkedin.com:port", names="--base-url", base_url=False),
    "url-from-environment": run(names="OPTOUT_BASE_URL", env={"OPTOUT_BASE_URL": "javascript:alert(1)"},
                                base_url=False),
    # results and profiles folders
    "out-under-a-file": good_batch("--out", "{home}/afile/runs", names="--out: cannot use {home}/afile/runs",
                                   env={}),
    "out-is-a-file": run("--out", "{home}/afile", names="--out: {home}/afile is a file"),
    "out-under-proc": run("--out", "/proc/optout-no-such/runs", names="/proc/optout-no-such/runs"),
    "out-from-environment-under-a-file": run(names="{home}/afile/runs", env={"OPTOUT_OUT": "{home}/afile/runs"}),
    "journal-not-a-database": run("--out", "{home}/old", names="{home}/old/journal.sqlite",
                                  files={"old/journal.sqlite": "not a database " * 100}),
    "profiles-under-a-file": run("--profiles", "{home}/afile/profiles", names="--profiles"),
    "probe-out-under-proc": Case(("probe", "--out", "/proc/optout-no-such/runs"),
                                 "--out: cannot use /proc/optout-no-such/runs", env=EMAIL),
    "probe-out-under-a-file": Case(("probe", "--out", "{home}/afile/runs"), "--out: cannot use {home}/afile/runs",
                                   env=EMAIL),
    # the account of `optout run` and `optout check`
    "email-malformed": run(names="LINKEDIN_EMAIL", env={"LINKEDIN_EMAIL": "ana.example.com"}),
    "email-missing": run(names="LINKEDIN_EMAIL", env={"LINKEDIN_EMAIL": ""}),
    "check-email-malformed": Case(("check",), "LINKEDIN_EMAIL", env={"LINKEDIN_EMAIL": "Ana <ana@example.com>"}),
    "li-at-env-unset": run("--li-at-env", "NO_SUCH_COOKIE", names="--li-at-env: the environment variable "
                           "NO_SUCH_COOKIE is not set"),
    "check-li-at-env-unset": Case(("check", "--li-at-env", "NO_SUCH_COOKIE"), "--li-at-env: the environment "
                                  "variable NO_SUCH_COOKIE is not set", env=EMAIL),
    "totp-not-base32": run(names="LINKEDIN_TOTP_SECRET", env={"LINKEDIN_TOTP_SECRET": "not base32!"}),
    "headless-not-a-boolean": run(names="OPTOUT_HEADLESS", env={"OPTOUT_HEADLESS": "maybe"}),
}


def fill(text: str, home: Path) -> str:
    return text.replace("{home}", str(home))


def error_lines(stderr: str) -> list[str]:
    """What the user is told, without warnings (a non-LinkedIn --base-url, as in these tests, always warns)."""
    return [line for line in stderr.splitlines() if line.strip() and not line.startswith("warning:")]


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_bad_input_is_one_line_naming_it_and_exit_2_before_any_browser(optout, case):
    home = optout.home
    (home / "afile").write_text("a file, not a folder\n")
    for name, content in case.files.items():
        path = home / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        path.chmod(0o600)
    env = {**NO_BROWSER, **{key: fill(value, home) for key, value in case.env.items()}}

    result = optout(*(fill(arg, home) for arg in case.args), env=env, base_url=case.base_url)

    assert result.code == 2, result.output
    lines = error_lines(result.stderr)
    assert lines and lines[0].startswith("error: "), result.stderr
    assert len(lines) == 1 or (len(lines) == 2 and lines[1].startswith("hint: ")), result.stderr
    assert fill(case.names, home) in lines[0]
    assert "Traceback" not in result.stderr and "\u256d" not in result.stderr  # no traceback, no rich box
    assert result.stdout == ""
    assert not [path for path in home.rglob("*") if path.is_dir() and RUN_ID.fullmatch(path.name)]


def test_utf8_bom_is_not_bad_input(optout):
    """A spreadsheet's 'CSV UTF-8' starts with a BOM: the file passes, so the run goes on to start a browser."""
    path = optout.home / CSV
    path.write_bytes(codecs.BOM_UTF8 + GOOD_ROWS.encode())
    path.chmod(0o600)
    result = optout("batch", str(path), "--min-interval", "0", env=NO_BROWSER)
    assert result.code == 3, result.output
    assert "no browser" in result.stderr


def test_there_are_at_least_30_bad_inputs():
    assert len(CASES) >= 30
