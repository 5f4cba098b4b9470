"""One frozen Settings, resolved field by field: flag > environment > .env file > default."""

from __future__ import annotations

import ipaddress
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dotenv.parser import parse_stream

from bot.browser import BROWSERS
from bot.errors import BadInput
from bot.secret import Secret
from flows import plan

LINKEDIN_URL = "https://www.linkedin.com"


def default_profiles_dir() -> Path:
    state_home = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state_home) / "linkedin-optout" / "profiles"


@dataclass(frozen=True)
class Settings:
    base_url: str = LINKEDIN_URL
    headless: bool = True
    flows: tuple[str, ...] = plan.DEFAULT_PLAN
    dry_run: bool = False
    out_dir: Path = Path("runs")
    profiles_dir: Path = field(default_factory=default_profiles_dir)
    verbosity: int = 0
    json_output: bool = False
    driver_path: str | None = None
    browser_path: str | None = None
    timeout: float = 15.0
    challenge_timeout: float = 300.0
    person_timeout: float = 600.0
    remote_url: str | None = None
    browser: str = "chromium"
    keep_sessions: bool = True
    reuse_browser: bool = True
    forget_session: bool = False  # delete the account's kept session before signing in (bot/sessions.py)
    email: str | None = None
    password: Secret | None = None
    totp_secret: Secret | None = None
    li_at: Secret | None = None
    country: str | None = None
    details: str | None = None

    @property
    def is_linkedin(self) -> bool:
        host = urlsplit(self.base_url).hostname or ""
        return host == "linkedin.com" or host.endswith(".linkedin.com")


def _bool(name: str, text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise BadInput(f"{name}: {text!r} is not a boolean (use true or false)")


def _positive_float(name: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise BadInput(f"{name}: {text!r} is not a number") from None
    if not 0 < value < math.inf:  # also refuses nan
        raise BadInput(f"{name}: must be a number greater than 0, got {text!r}")
    return value


def _secret(name: str, text: str) -> Secret | None:
    return Secret(text) if text else None


def _flows(name: str, value: Any) -> tuple[str, ...]:
    names = value.split(",") if isinstance(value, str) else list(value)
    try:
        return plan.expand(names)
    except plan.UnknownFlow as error:
        raise BadInput(f"{name}: {error}") from None


def check_base_url(url: str, name: str = "--base-url") -> str:
    """Refuse URLs that would send credentials somewhere unsafe: only https, or http to this machine."""
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port  # a port that is no number raises here, not in the browser
    except ValueError:
        raise BadInput(f"{name}: {url!r} is not a URL") from None
    if parts.scheme not in ("http", "https") or not host:
        raise BadInput(f"{name}: {url!r} is not an http(s) URL with a host")
    if parts.scheme == "http" and not _is_loopback(host):
        raise BadInput(f"{name}: plain http is only allowed for this machine, not {host!r}", hint="use https://")
    return f"{parts.scheme}://{parts.netloc}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url(name: str, text: str) -> str:
    return check_base_url(text, name)


def _remote_url(name: str, text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput(f"{name}: {text!r} is not an http(s) WebDriver URL (e.g. http://grid:4444)")
    return text.rstrip("/")


def _browser(name: str, text: str) -> str:
    if text not in BROWSERS:
        raise BadInput(f"{name}: {text!r} is not one of {', '.join(BROWSERS)}")
    return text


def _text(name: str, text: str) -> str | None:
    return text or None


def _path(name: str, text: str) -> Path:
    return Path(text).expanduser()


_SOURCES: dict[str, tuple[str, Callable[[str, Any], Any]]] = {
    "base_url": ("OPTOUT_BASE_URL", _url),
    "headless": ("OPTOUT_HEADLESS", _bool),
    "flows": ("OPTOUT_FLOWS", _flows),
    "out_dir": ("OPTOUT_OUT", _path),
    "profiles_dir": ("OPTOUT_PROFILES_DIR", _path),
    "driver_path": ("OPTOUT_DRIVER_PATH", _text),
    "browser_path": ("OPTOUT_BROWSER_PATH", _text),
    "timeout": ("OPTOUT_TIMEOUT", _positive_float),
    "challenge_timeout": ("OPTOUT_CHALLENGE_TIMEOUT", _positive_float),
    "person_timeout": ("OPTOUT_PERSON_TIMEOUT", _positive_float),
    "remote_url": ("OPTOUT_REMOTE_URL", _remote_url),
    "browser": ("OPTOUT_BROWSER", _browser),
    "keep_sessions": ("OPTOUT_KEEP_SESSIONS", _bool),
    "reuse_browser": ("OPTOUT_REUSE_BROWSER", _bool),
    "email": ("LINKEDIN_EMAIL", _text),
    "password": ("LINKEDIN_PASSWORD", _secret),
    "totp_secret": ("LINKEDIN_TOTP_SECRET", _secret),
    "li_at": ("LINKEDIN_LI_AT", _secret),
    "country": ("LINKEDIN_COUNTRY", _text),
    "details": ("OPTOUT_DETAILS", _text),
}

ENV_VARS: dict[str, str] = {name: variable for name, (variable, _) in _SOURCES.items()}
"""The environment variable of each Settings field read from the environment (the CLI's options name them)."""


def read_env_file(path: Path) -> dict[str, str]:
    """Read a .env file without touching os.environ; a line that cannot be parsed is bad input."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise BadInput(f"{path}: the .env file is not UTF-8 text (byte offset {error.start})") from None
    except OSError as error:
        raise BadInput(f"{path}: cannot read the .env file ({error.strerror or error.__class__.__name__})") from None
    if "\0" in text:
        raise BadInput(f"{path}: not a .env file (it holds binary data)", hint="give a text file of NAME=value lines")
    values: dict[str, str] = {}
    for binding in parse_stream(_Lines(text)):
        if binding.error or (binding.key is not None and not _ENV_NAME.fullmatch(binding.key)):
            # the line itself is not echoed: it may be a secret pasted on a line of its own
            raise BadInput(f"{path}: line {binding.original.line}: cannot parse (expected NAME=value)")
        if binding.key is not None:
            values[binding.key] = binding.value or ""
    return values


class _Lines:
    """The file-like object python-dotenv's parser reads."""

    def __init__(self, text: str) -> None:
        self._text = text

    def read(self) -> str:
        return self._text


def resolve(flags: Mapping[str, Any], environ: Mapping[str, str], env_file: Path | None) -> Settings:
    """Build Settings; `flags` holds only what the user gave on the command line (None = not given)."""
    dotenv = read_env_file(env_file) if env_file is not None else {}
    values: dict[str, Any] = {}
    for name, (variable, parse) in _SOURCES.items():
        flag = flags.get(name)
        if flag is not None:
            label = _FLAG_NAMES.get(name, f"--{name.replace('_', '-')}")
            values[name] = parse(label, flag) if name in _PARSED_FLAGS else flag
        elif environ.get(variable):
            values[name] = parse(variable, environ[variable])
        elif dotenv.get(variable):
            values[name] = parse(f"{variable} (in {env_file})", dotenv[variable])
    values.update({k: v for k, v in flags.items() if k not in _SOURCES and v is not None})
    return Settings(**values)


_PARSED_FLAGS = {"base_url", "flows", "timeout", "challenge_timeout", "person_timeout", "remote_url", "browser"}
_FLAG_NAMES = {"flows": "--only"}
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def find_env_file(explicit: Path | None, cwd: Path) -> Path | None:
    """`--env-file` must exist; otherwise `.env` in the working folder is used when present."""
    if explicit is not None:
        if not explicit.is_file():
            raise BadInput(f"--env-file: {explicit} is not a file")
        return explicit
    candidate = cwd / ".env"
    return candidate if candidate.is_file() else None
