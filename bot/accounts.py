"""The accounts a run works on: one from flags and environment, or many from a CSV checked whole up front."""

from __future__ import annotations

import base64
import binascii
import codecs
import csv
import difflib
import hashlib
import io
import os
import re
import shlex
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from bot.errors import BadInput
from bot.secret import Secret
from flows.plan import UnknownFlow, expand

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
SHOWN_PROBLEMS = 5

# Each secret column and the column that names an environment variable holding it instead.
SECRET_COLUMNS = {"password": "password_env", "totp_secret": "totp_env", "li_at": "li_at_env"}
COLUMNS = ("email", *(c for pair in SECRET_COLUMNS.items() for c in pair), "flows", "label", "country")
CREDENTIAL_COLUMNS = ("password", "password_env", "li_at", "li_at_env")
_KINDS = {"password": "passwords", "totp_secret": "TOTP secrets", "li_at": "li_at cookies"}

_NOT_IN_EMAIL = r"\s@,;<>()\[\]\"'"
_EMAIL = re.compile(rf"[^{_NOT_IN_EMAIL}]+@[^{_NOT_IN_EMAIL}.]+(\.[^{_NOT_IN_EMAIL}.]+)+")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CSV_HINT = (
    "fix the rows listed and run again; columns: email, password or password_env, totp_secret or totp_env, "
    "li_at or li_at_env, flows (;-separated), label, country; comma or semicolon separated, saved as UTF-8"
)


@dataclass(frozen=True)
class Account:
    """One LinkedIn member to opt out; secrets stay wrapped, so its repr is safe to log."""

    email: str
    password: Secret | None = None
    totp_secret: Secret | None = None
    li_at: Secret | None = None
    flows: tuple[str, ...] | None = None
    label: str = ""
    row: int | None = None
    country: str | None = None  # of residence, for a form that asks and preselects none

    def __post_init__(self) -> None:
        object.__setattr__(self, "email", _normalise(self.email))

    @property
    def slug(self) -> str:
        """A file and directory name for this account: readable, stable, unique per email, free of secrets."""
        readable = re.sub(r"[^a-z0-9.-]+", "_", self.email)[:40].strip("._-") or "account"
        digest = hashlib.sha1(self.email.encode(), usedforsecurity=False).hexdigest()[:8]
        return f"{readable}-{digest}"

    def secret_values(self) -> list[str]:
        """The password, TOTP secret and li_at in clear: only to mask them wherever output is written."""
        return [s.reveal() for s in (self.password, self.totp_secret, self.li_at) if s]


@dataclass(frozen=True)
class AccountsFile:
    """The accounts of a CSV that passed every check, and what the user should still hear about it."""

    accounts: list[Account]
    warnings: list[str]


def is_valid_email(text: str) -> bool:
    """A pragmatic check that catches paste slips (names, spaces, missing domain), not full RFC 5322."""
    return len(text) <= 254 and _EMAIL.fullmatch(text) is not None


def load_accounts(path: Path, environ: Mapping[str, str]) -> AccountsFile:
    """Read and check the whole CSV, so a batch never starts with a row it would fail on halfway."""
    problems: list[str] = []
    accounts, plaintext = _parse(_read_text(path), environ, problems)
    if problems:
        raise BadInput(_summary(path, problems), _CSV_HINT, problems=problems)
    return AccountsFile(accounts, _warnings(path, plaintext))


def single_account(email: str, password: Secret | str | None = None, totp_secret: Secret | str | None = None,
                   li_at: Secret | str | None = None, flows: Iterable[str] | None = None) -> Account:
    """The one account of `optout run`, checked as strictly as a CSV row (a login email is not a secret)."""
    hint = "set LINKEDIN_EMAIL to the address you sign in to LinkedIn with"
    address = _normalise(email)
    if not address:
        raise BadInput("LINKEDIN_EMAIL is not set", hint)
    if not is_valid_email(address):
        raise BadInput(f"LINKEDIN_EMAIL is not an email address: {email.strip()!r}", hint)
    totp = _wrap(totp_secret)
    if totp is not None and (totp := _totp_key(totp)) is None:
        raise BadInput("LINKEDIN_TOTP_SECRET is not a base32 key", "use the setup key LinkedIn showed for 2FA")
    try:
        plan = _plan(flows or ())
    except UnknownFlow as exc:
        raise BadInput(str(exc), "name flows as `optout run --help` lists them under --only") from None
    return Account(address, _wrap(password), totp, _wrap(li_at), plan)


def _read_text(path: Path) -> str:
    """The file as text, or BadInput for what makes it no CSV at all; nothing is read past the size limit."""
    try:
        if path.is_dir():
            _refuse(path, "is a directory, not a CSV file", "give the path of the accounts CSV file")
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        _refuse(path, "no such file", "check the path of the accounts CSV file")
    except OSError as exc:
        _refuse(path, f"cannot be read ({exc.strerror})", "check the file's permissions")
    if len(raw) > MAX_BYTES:
        _refuse(path, "larger than 10 MB", f"split it into files of at most {MAX_ROWS:,} accounts")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _refuse(path, "not UTF-8 text (it is UTF-16)", "save it from your spreadsheet as 'CSV UTF-8'")
    body = raw.removeprefix(codecs.BOM_UTF8)
    bad = body.find(b"\0")
    if bad < 0:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = exc.start  # raised below, outside this block, so the file's bytes never ride along
    _refuse(path, f"not UTF-8 text (byte offset {len(raw) - len(body) + bad})",
            "save it from your spreadsheet as 'CSV UTF-8'")


def _refuse(path: Path, problem: str, hint: str) -> NoReturn:
    raise BadInput(f"{path}: {problem}", hint, problems=[problem])


def _records(text: str, problems: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records with the line each starts on: the row an editor or a spreadsheet shows."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","  # from the header only: flows hold ';'
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for fields in reader:
            if any(field.strip() for field in fields):
                yield start, fields
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(f"row {start}: not valid CSV ({exc})")


def _parse(text: str, environ: Mapping[str, str], problems: list[str]) -> tuple[list[Account], set[str]]:
    """Every row to an Account, adding every problem found; also which secret columns hold plaintext."""
    records = _records(text, problems)
    header = next(records, None)
    columns = _columns(*header, problems) if header else []
    if "email" not in columns:  # no rows at all, or none that can be read without knowing the email column
        if header is None and not problems:
            problems.append("no accounts: the file is empty")
        return [], set()
    accounts: list[Account] = []
    plaintext: set[str] = set()
    first_seen: dict[str, int] = {}
    for count, (row, fields) in enumerate(records, 1):
        if count > MAX_ROWS:
            problems.append(f"row {row}: more than {MAX_ROWS:,} accounts; split the file")
            break
        if len(fields) > len(columns):
            problems.append(f"row {row}: {len(fields)} fields but the header has {len(columns)} columns "
                            "(a value holding the delimiter needs quotes)")
        values = {name: field.strip() for name, field in zip(columns, fields, strict=False) if name}
        plaintext.update(column for column in SECRET_COLUMNS if values.get(column))
        email = _normalise(values.get("email", ""))
        if email in first_seen:
            problems.append(f"row {row}: duplicate email {email!r} (also on row {first_seen[email]})")
        elif is_valid_email(email):
            first_seen[email] = row
        account = _account(row, values, environ, problems)
        if account is not None:
            accounts.append(account)
    if not accounts and not problems:
        problems.append("no accounts: the file has a header row and nothing below it")
    return accounts, plaintext


def _columns(row: int, fields: list[str], problems: list[str]) -> list[str]:
    """The header's column names, normalised; unknown ones are problems, with a guess at what was meant."""
    names = [field.strip().lower() for field in fields]
    if len(names) == 1 and "\t" in names[0]:
        problems.append(f"row {row} (header): the columns are separated by tabs, not commas or semicolons")
        names = []
    for index, name in enumerate(names):
        if not name:
            problems.append(f"row {row} (header): column {index + 1} has no name")
        elif name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            guess = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(COLUMNS)})"
            problems.append(f"row {row} (header): unknown column {name!r}{guess}")
        elif name in names[:index]:
            problems.append(f"row {row} (header): column {name!r} appears twice")
    if "email" not in names:
        problems.append(f"row {row} (header): no 'email' column")
    return [name if name in COLUMNS else "" for name in names]


def _account(
    row: int, values: Mapping[str, str], environ: Mapping[str, str], problems: list[str]
) -> Account | None:
    """One row to an Account, or None with each of its problems added."""
    found: list[str] = []
    email = values.get("email", "")
    if not email:
        found.append(f"row {row}: no email")
    elif not is_valid_email(_normalise(email)):
        found.append(f"row {row}: malformed email {email!r}")
    secrets = {column: _secret(row, values, column, environ, found) for column in SECRET_COLUMNS}
    if not any(values.get(column) for column in CREDENTIAL_COLUMNS):
        found.append(f"row {row}: no credential (give password, password_env, li_at or li_at_env)")
    plan = None
    try:
        plan = _plan(re.split(r"[;,]", values.get("flows", "")))
    except UnknownFlow as exc:
        found.append(f"row {row}: {exc}")
    problems.extend(found)
    if found:
        return None
    return Account(email, **secrets, flows=plan, label=values.get("label", ""), row=row,
                   country=values.get("country") or None)


def _secret(row: int, values: Mapping[str, str], column: str, environ: Mapping[str, str],
            problems: list[str]) -> Secret | None:
    """A secret given in the row or named by its `*_env` column; messages name the variable, never a value."""
    env_column = SECRET_COLUMNS[column]
    value, name = values.get(column, ""), values.get(env_column, "")
    if value and name:
        problems.append(f"row {row}: both {column} and {env_column} given; keep one")
    elif name and not _ENV_NAME.fullmatch(name):  # may be a secret pasted into the wrong column: not echoed
        problems.append(f"row {row}: {env_column} is not an environment variable name (letters, digits, _)")
    elif name and not environ.get(name, "").strip():
        state = "empty" if name in environ else "not set"
        problems.append(f"row {row}: {env_column} names {name}, which is {state}")
    else:
        secret = Secret(environ[name].strip()) if name else Secret(value) if value else None
        if secret is not None and column == "totp_secret" and (secret := _totp_key(secret)) is None:
            problems.append(f"row {row}: the TOTP secret is not a base32 key")
        return secret
    return None


def _totp_key(secret: Secret) -> Secret | None:
    """Authenticator apps show keys in spaced groups, any case; pyotp wants plain base32."""
    key = re.sub(r"[\s-]", "", secret.reveal()).upper()
    try:
        base64.b32decode(key + "=" * (-len(key) % 8))
    except (binascii.Error, ValueError):
        return None
    return Secret(key) if key else None


def _plan(names: Iterable[str]) -> tuple[str, ...] | None:
    """None keeps the default plan; anything named is expanded, so unknown names fail now, not mid-batch."""
    wanted = [name.strip().lower() for name in names if name.strip()]
    return expand(wanted) if wanted else None


def _warnings(path: Path, plaintext: set[str]) -> list[str]:
    """Plaintext secrets in a file other users can read are worth a word, not a refusal."""
    if not plaintext or os.name == "nt" or not path.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH):
        return []
    kinds = [_KINDS[column] for column in SECRET_COLUMNS if column in plaintext]
    what = " and ".join([", ".join(kinds[:-1]), kinds[-1]] if len(kinds) > 1 else kinds)
    fix = f"chmod 600 {shlex.quote(str(path))}"
    return [f"{path} holds plaintext {what} and is readable by other users; run: {fix}"]


def _summary(path: Path, problems: list[str]) -> str:
    """One line: the file, how many problems, and the first few of them."""
    count = len(problems)
    shown = "; ".join(problems[:SHOWN_PROBLEMS])
    more = f"; and {count - SHOWN_PROBLEMS} more" if count > SHOWN_PROBLEMS else ""
    return f"{path}: {count} problem{'' if count == 1 else 's'}: {shown}{more}"


def _normalise(email: str) -> str:
    return email.strip().lower()


def _wrap(value: Secret | str | None) -> Secret | None:
    if isinstance(value, Secret):
        return value if value else None
    return Secret(value.strip()) if value and value.strip() else None
