"""Accounts, sessions, challenges and objections: everything the sandbox remembers, behind one lock."""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any

from sandbox import totp
from sandbox.draws import Draw, draw
from sandbox.variants import check_language, check_variants

CHALLENGES = ("email-pin", "sms-pin", "totp", "captcha", "unknown")
DEFAULT_PIN = "123456"
PARTNER_SHARING_NOT_OFFERED = frozenset({"EU", "EEA", "UK", "CH"})
OBJECTION_TYPES = {
    "ai-training": "Object to processing for training content-generating AI models",
    "personalization-ml": "Object to processing for personalization and other machine learning",
}
SETTINGS = {"data-for-ai-improvement": "genai_training", "share-data-with-select-partners": "partner_sharing"}
ALSO_OFF = {"ads-beyond-linkedin": "share-data-with-select-partners"}
"""LinkedIn's help (a1397243): turning "Ads beyond LinkedIn" off also turns data sharing with affiliates off."""
LOGIN_SUBMIT = "/checkpoint/lg/login-submit"
CHALLENGE_PREFIX = "/checkpoint/challenge/"


@dataclass(frozen=True)
class TableSetting:
    """A setting of the settings table the sandbox is given (the bot's registry: flows/registry.py
    `sandbox_table()`): a switch at `path`, default on, not offered in the regions `not_offered_in`."""

    key: str
    path: str
    label_id: str = ""
    switch_id: str = ""
    titles: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    categories: tuple[str, ...] = ("privacy",)
    not_offered_in: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TableSetting:
        if not isinstance(data, Mapping) or not isinstance(data.get("key"), str) or not isinstance(
                data.get("path"), str) or not data["path"].startswith("/mypreferences/d/"):
            raise ValueError("a table setting needs a key and a path under /mypreferences/d/")
        known = {f.name for f in fields(cls)}
        if set(data) - known:
            raise ValueError(f"unknown table setting field(s): {', '.join(sorted(set(data) - known))}")
        return cls(**{**data, "categories": tuple(data.get("categories", ("privacy",))),
                      "not_offered_in": tuple(data.get("not_offered_in", ()))})

    def applies(self, region: str) -> bool:
        return region.upper() not in self.not_offered_in

    def text(self, texts: Mapping[str, str], language: str) -> str:
        return texts.get(language) or texts.get("en") or self.key


class AccountExists(ValueError):
    """An account with this email is already in the sandbox."""


@dataclass(frozen=True)
class AccountSpec:
    """A sandbox member, as `POST /__sandbox__/accounts` and `--account EMAIL:PASSWORD` describe one."""

    email: str
    password: str = field(repr=False)
    name: str | None = None
    genai_training: bool = True
    partner_sharing: bool = True
    region: str = "US"
    challenge: str | None = None
    pin: str | None = field(default=None, repr=False)
    totp_secret: str | None = field(default=None, repr=False)
    remember_me_prompt: bool = False
    locked: bool = False
    expire_session_after: int | None = None
    variants: tuple[str, ...] = ()
    language: str | None = None
    seed: int | None = None
    other_emails: tuple[str, ...] = ()
    objections: tuple[str, ...] = ()
    settings_off: tuple[str, ...] = ()  # table settings (by key) already off when the member starts

    def __post_init__(self) -> None:
        self._check_scalars()
        self._check_challenge()
        object.__setattr__(self, "variants", check_variants(self.variants))
        if self.language is not None:
            check_language(self.language)
        _check_type("seed", self.seed, int, optional=True)
        self._check_lists()

    def _check_scalars(self) -> None:
        _check_email("email", self.email)
        _check_type("password", self.password, str)
        if not self.password:
            raise ValueError(f"password for {self.email} is empty")
        for name in ("name", "region", "challenge", "pin", "totp_secret"):
            _check_type(name, getattr(self, name), str, optional=True)
        for name in ("genai_training", "partner_sharing", "remember_me_prompt", "locked"):
            _check_type(name, getattr(self, name), bool)
        _check_type("expire_session_after", self.expire_session_after, int, optional=True)
        if self.expire_session_after is not None and self.expire_session_after < 0:
            raise ValueError("expire_session_after must be 0 or more")

    def _check_challenge(self) -> None:
        if self.challenge is not None and self.challenge not in CHALLENGES:
            raise ValueError(f"challenge must be one of {', '.join(CHALLENGES)}, not {self.challenge!r}")
        if self.challenge == "totp" and not self.totp_secret:
            raise ValueError(f"challenge 'totp' for {self.email} needs a totp_secret")
        if self.totp_secret:
            totp.decode_secret(self.totp_secret)

    def _check_lists(self) -> None:
        """The list fields, made tuples: the other addresses (distinct from each other and the primary one), the
        objections filed before (distinct known types) and the table settings already off."""
        object.__setattr__(self, "other_emails", _strings("other_emails", self.other_emails))
        for other in self.other_emails:
            _check_email("other_emails", other)
        if len({_key(e) for e in self.emails}) != len(self.emails):
            raise ValueError(f"other_emails of {self.email} repeat an address")
        object.__setattr__(self, "objections", _strings("objections", self.objections))
        object.__setattr__(self, "settings_off", _strings("settings_off", self.settings_off))
        if set(self.objections) - set(OBJECTION_TYPES) or len(set(self.objections)) != len(self.objections):
            raise ValueError(f"objections must be distinct types of {', '.join(OBJECTION_TYPES)}, "
                             f"not {list(self.objections)}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AccountSpec:
        if not isinstance(data, Mapping):
            raise ValueError("an account spec is a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown account field(s): {', '.join(unknown)}")
        missing = [name for name in ("email", "password") if name not in data]
        if missing:
            raise ValueError(f"account spec needs {' and '.join(missing)}")
        return cls(**data)

    @classmethod
    def parse(cls, text: str) -> AccountSpec:
        """`EMAIL:PASSWORD` (split on the first colon; the password may contain more)."""
        email, sep, password = text.partition(":")
        if not sep or not email or not password:
            raise ValueError("expected EMAIL:PASSWORD, e.g. ana.example@example.com:secret")
        return cls(email=email.strip(), password=password)

    @property
    def display_name(self) -> str:
        """The name, or one made from the email ("ana.example@..." -> "Ana Example")."""
        if self.name:
            return self.name
        words = [w.capitalize() for w in re.split(r"[^A-Za-z]+", self.email.split("@")[0]) if w]
        if len(words) == 1:
            words.append("Example")
        return " ".join(words) or "Ana Example"

    @property
    def partner_sharing_offered(self) -> bool:
        return self.region.upper() not in PARTNER_SHARING_NOT_OFFERED

    @property
    def emails(self) -> tuple[str, ...]:
        """Every address the member signs in with, the primary one first."""
        return (self.email, *self.other_emails)


def _check_email(name: str, value: Any) -> None:
    _check_type(name, value, str)
    if "@" not in value.strip("@"):
        raise ValueError(f"{name} {value!r} is not an email address")


def _strings(name: str, values: Any) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, list | tuple):
        raise ValueError(f"{name} must be a list of strings")
    for value in values:
        _check_type(name, value, str)
    return tuple(values)


def _check_type(name: str, value: Any, kind: type, optional: bool = False) -> None:
    if value is None and optional:
        return
    # bool is an int subclass: an int field must not accept true/false, a bool field must not accept 0/1.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{name} must be {kind.__name__}{' or null' if optional else ''}, not {value!r}")


@dataclass(frozen=True)
class Objection:
    case_id: str
    type: str
    submitted_at: str

    @property
    def label(self) -> str:
        return OBJECTION_TYPES[self.type]


@dataclass(frozen=True)
class Member:
    """A read-only view of one account, for rendering pages."""

    spec: AccountSpec
    genai_training: bool
    partner_sharing: bool
    objections: tuple[Objection, ...]
    settings: Mapping[str, bool] = field(default_factory=dict)  # the table settings, by key


@dataclass
class _Account:
    spec: AccountSpec
    genai_training: bool
    partner_sharing: bool
    objections: list[Objection] = field(default_factory=list)
    setting_saves: int = 0
    logins: int = 0
    login_attempts: int = 0
    dropped_saves: set[str] = field(default_factory=set)  # settings whose one drawn lost save happened
    settings: dict[str, bool] = field(default_factory=dict)  # table settings changed since the start
    page_loads: dict[str, int] = field(default_factory=dict)  # path -> pages a member's browser loaded there


@dataclass
class _Session:
    email: str
    jsessionid: str
    page_requests: int = 0


@dataclass(frozen=True)
class Challenge:
    email: str
    kind: str
    target: str
    solved: bool = False


@dataclass(frozen=True)
class Session:
    li_at: str
    jsessionid: str
    email: str


def _key(email: str) -> str:
    return email.strip().casefold()


class Store:
    """All sandbox state. Every method takes the one lock, so concurrent browsers see consistent state."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._accounts: dict[str, _Account] = {}
        self._aliases: dict[str, str] = {}  # every address's key -> the primary address's key
        self._sessions: dict[str, _Session] = {}
        self._challenges: dict[str, Challenge] = {}
        self._case_seq = 0
        self._look: tuple[frozenset[str], str] = (frozenset(), "en")
        self._seed: int | None = None
        self._table: dict[str, TableSetting] = {}

    # the settings table (beyond the two settings the sandbox serves itself)
    def add_table(self, settings: Any) -> None:
        parsed = [s if isinstance(s, TableSetting) else TableSetting.from_dict(s) for s in settings]
        with self._lock:
            self._table.update({s.key: s for s in parsed})

    def table(self) -> dict[str, TableSetting]:
        with self._lock:
            return dict(self._table)

    # accounts
    def add_account(self, spec: AccountSpec) -> None:
        """Adds a member (with the objections its spec says were filed before); AccountExists for a taken address."""
        with self._lock:
            unknown = set(spec.settings_off) - set(self._table)
            if unknown:
                raise ValueError(f"settings_off names no setting of the table: {', '.join(sorted(unknown))}")
            taken = [e for e in spec.emails if _key(e) in self._aliases]
            if taken:
                raise AccountExists(f"account {taken[0]} already exists")
            acc = _Account(spec, spec.genai_training, spec.partner_sharing)
            self._accounts[_key(spec.email)] = acc
            for address in spec.emails:
                self._aliases[_key(address)] = _key(spec.email)
            for kind in spec.objections:
                acc.objections.append(self._new_objection(kind))

    def _account(self, email: str) -> _Account:
        """The account any of its addresses names; KeyError when none. Callers hold the lock."""
        return self._accounts[self._aliases[_key(email)]]

    def member(self, email: str) -> Member:
        with self._lock:
            acc = self._account(email)
            return Member(acc.spec, acc.genai_training, acc.partner_sharing, tuple(acc.objections),
                          self._settings(acc))

    def _settings(self, acc: _Account) -> dict[str, bool]:
        """Every table setting's value for this member (default on). Callers hold the lock."""
        return {key: acc.settings.get(key, key not in acc.spec.settings_off) for key in self._table}

    def known(self, email: str) -> bool:
        with self._lock:
            return _key(email) in self._aliases

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """The `/__sandbox__/state` document."""
        with self._lock:
            return {
                acc.spec.email: {
                    "genai_training": acc.genai_training,
                    "partner_sharing": acc.partner_sharing,
                    **({"settings": self._settings(acc)} if self._table else {}),  # only with a table
                    "objections": [vars(o).copy() for o in acc.objections],
                    "setting_saves": acc.setting_saves,
                    "logins": acc.logins,
                    "login_attempts": acc.login_attempts,
                    "page_loads": dict(acc.page_loads),
                }
                for acc in self._accounts.values()
            }

    # variants and language chosen for everyone (accounts add their own)
    def set_look(self, variants: tuple[str, ...], language: str) -> None:
        with self._lock:
            self._look = (frozenset(check_variants(variants)), check_language(language))

    def look(self) -> tuple[frozenset[str], str]:
        with self._lock:
            return self._look

    # the seed for members whose spec has none (None: today's pages)
    def set_seed(self, seed: int | None) -> None:
        _check_type("seed", seed, int, optional=True)
        with self._lock:
            self._seed = seed

    @property
    def seed(self) -> int | None:
        with self._lock:
            return self._seed

    # login
    def attempt_login(self, email: str, password: str) -> str:
        """One POST to login-submit: "unknown", "wrong-password", "locked", "challenge" or "ok"."""
        with self._lock:
            if _key(email) not in self._aliases:
                return "unknown"
            acc = self._account(email)
            acc.login_attempts += 1
            if not secrets.compare_digest(password.encode(), acc.spec.password.encode()):
                return "wrong-password"
            if acc.spec.locked:
                return "locked"
            return "challenge" if acc.spec.challenge else "ok"

    def start_challenge(self, email: str, target: str) -> str:
        with self._lock:
            spec = self._account(email).spec
            token = secrets.token_urlsafe(18)
            self._challenges[token] = Challenge(spec.email, spec.challenge or "", target)
            return token

    def challenge(self, token: str) -> Challenge | None:
        with self._lock:
            return self._challenges.get(token)

    def check_code(self, token: str, code: str) -> bool:
        """Whether `code` answers the PIN or authenticator challenge `token`."""
        with self._lock:
            found = self._challenges.get(token)
            if found is None:
                return False
            spec = self._account(found.email).spec
        if found.kind == "totp" and spec.totp_secret:
            return totp.verify(spec.totp_secret, code)
        if found.kind in ("email-pin", "sms-pin"):
            return secrets.compare_digest(code.strip().encode(), (spec.pin or DEFAULT_PIN).encode())
        return False

    def solve_captcha(self, email: str | None = None, token: str | None = None) -> int:
        """Marks pending captchas solved (by email, or one by token); how many."""
        with self._lock:
            hits = [t for t, c in self._challenges.items() if c.kind == "captcha" and not c.solved
                    and (t == token or (email is not None and _key(c.email) == _key(email)))]
            for t in hits:
                self._challenges[t] = replace(self._challenges[t], solved=True)
            return len(hits)

    def end_challenge(self, token: str) -> Challenge | None:
        """Removes a passed challenge; None when another request already ended it (only one login wins)."""
        with self._lock:
            return self._challenges.pop(token, None)

    # sessions
    def open_session(self, email: str, *, login: bool = True) -> Session:
        """A new session: a successful login, counted in `logins` (`login` False: one a test asked for)."""
        with self._lock:
            acc = self._account(email)
            if login:
                acc.logins += 1
            li_at = secrets.token_urlsafe(32)
            jsessionid = "ajax:" + "".join(secrets.choice("0123456789") for _ in range(19))
            self._sessions[li_at] = _Session(acc.spec.email, jsessionid)
            return Session(li_at, jsessionid, acc.spec.email)

    def session(self, li_at: str | None, *, page: bool = False) -> Session | None:
        """The live session for a cookie; `page` counts a page request against `expire_session_after`."""
        with self._lock:
            found = self._sessions.get(li_at or "")
            if found is None:
                return None
            if page:
                limit = self._account(found.email).spec.expire_session_after
                if limit is not None and found.page_requests >= limit:
                    del self._sessions[li_at or ""]
                    return None
                found.page_requests += 1
            return Session(li_at or "", found.jsessionid, found.email)

    def count_page_load(self, email: str, path: str) -> None:
        with self._lock:
            loads = self._account(email).page_loads
            loads[path] = loads.get(path, 0) + 1

    def email_for_request(self, path: str, li_at: str | None, login_email: str | None) -> str | None:
        """Whose request this is (not counted): the session's member, the login tried, the challenge's."""
        with self._lock:
            found = self._sessions.get(li_at or "")
            if found is not None:
                return found.email
            if path == LOGIN_SUBMIT:
                return login_email
            if path.startswith(CHALLENGE_PREFIX):
                challenge = self._challenges.get(path[len(CHALLENGE_PREFIX):].split("/")[0])
                return challenge.email if challenge else None
            return None

    # settings and objections
    def count_save(self, email: str) -> None:
        with self._lock:
            self._account(email).setting_saves += 1

    def set_setting(self, email: str, slug: str, value: bool) -> None:
        with self._lock:
            acc = self._account(email)
            if slug in SETTINGS:
                setattr(acc, SETTINGS[slug], value)
            else:
                acc.settings[slug] = value
            if not value and slug in ALSO_OFF:
                setattr(acc, SETTINGS[ALSO_OFF[slug]], False)

    def drop_first_save(self, email: str, slug: str) -> bool:
        """True once per member and setting: the save a drawn lost save swallows."""
        with self._lock:
            dropped = self._account(email).dropped_saves
            if slug in dropped:
                return False
            dropped.add(slug)
            return True

    def record_objection(self, email: str, kind: str) -> Objection:
        with self._lock:
            objection = self._new_objection(kind)
            self._account(email).objections.append(objection)
            return objection

    def _new_objection(self, kind: str) -> Objection:
        """A case id from today's UTC date and the sandbox-wide counter. Callers hold the lock."""
        now = datetime.now(UTC)
        self._case_seq += 1
        return Objection(f"{now:%y%m%d}-{self._case_seq:06d}", kind, now.strftime("%Y-%m-%dT%H:%M:%SZ"))


def member_draw(store: Store, email: str) -> Draw:
    """The member's draw: from its own seed, else the sandbox's (none: today's pages)."""
    spec = store.member(email).spec
    return draw(spec.seed if spec.seed is not None else store.seed, spec.email)


def member_language(store: Store, email: str) -> str | None:
    """The member's own language: its spec's, else its draw's (None: the global one)."""
    return store.member(email).spec.language or member_draw(store, email).language
