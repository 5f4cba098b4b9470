"""Requests, responses and a small route-decorator router (in the style of httpie's test server)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote

from sandbox.faults import Fault, FaultTable
from sandbox.state import Store

Handler = Callable[["Request"], "Response"]


@dataclass
class Request:
    """One parsed HTTP request, plus what handlers need to answer it (the store and the fault table)."""

    method: str
    path: str
    query_string: str
    headers: dict[str, str]
    body: bytes
    store: Store
    faults: FaultTable
    params: dict[str, str] = field(default_factory=dict)
    member: str | None = None  # the logged-in member's email, set by the members-only decorators
    _taken: dict[str, Fault | None] = field(default_factory=dict, repr=False)
    _form: dict[str, str] | None = field(default=None, repr=False)

    @property
    def query(self) -> dict[str, str]:
        return dict(parse_qsl(self.query_string))

    @property
    def target(self) -> str:
        """Path and query, as a page would send it in `session_redirect`."""
        return self.path + (f"?{self.query_string}" if self.query_string else "")

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def cookies(self) -> dict[str, str]:
        jar: dict[str, str] = {}
        for part in (self.header("cookie") or "").split(";"):
            name, sep, value = part.strip().partition("=")
            if sep and name not in jar:
                jar[name] = value
        return jar

    @property
    def form(self) -> dict[str, str]:
        """The form-encoded body; the first value of each field."""
        if self._form is None:
            self._form = {}
            for name, value in parse_qsl(self.body.decode("utf-8", "replace"), keep_blank_values=True):
                self._form.setdefault(name, value)
        return self._form

    def json(self) -> Any:
        """The JSON body; ValueError when it is not JSON."""
        return json.loads(self.body.decode("utf-8"))

    def fault(self, kind: str) -> Fault | None:
        """The active fault of `kind` for this request, if any (taken once, so it counts once)."""
        if kind not in self._taken:
            self._taken[kind] = self.faults.take(kind, self.method, self.path, lambda: self.email)
        return self._taken[kind]

    @property
    def email(self) -> str | None:
        """Whose request this is, for faults scoped by `email`: the member, or the login being tried."""
        login_email = self.field("session_key") if self.method == "POST" else None
        return self.member or self.store.email_for_request(self.path, self.cookies.get("li_at"), login_email)

    def field(self, name: str) -> str:
        """A form field, under its name or the name the changed-markup fault gives it."""
        return self.form.get(name, self.form.get(alias(name), ""))


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def html(cls, text: str, status: int = 200) -> Response:
        return cls(status, text.encode("utf-8"), [("Content-Type", "text/html; charset=utf-8")])

    @classmethod
    def json(cls, data: Any, status: int = 200) -> Response:
        body = json.dumps(data, indent=2, sort_keys=True).encode("utf-8")
        return cls(status, body, [("Content-Type", "application/json")])

    @classmethod
    def redirect(cls, location: str, status: int = 303) -> Response:
        return cls(status, b"", [("Location", location)])

    def set_cookie(self, name: str, value: str, *, http_only: bool = False,
                   max_age: int | None = None) -> Response:
        attrs = [f"{name}={value}", "Path=/", "SameSite=Lax"]
        if max_age is not None:
            attrs.append(f"Max-Age={max_age}")
        if http_only:
            attrs.append("HttpOnly")
        self.headers.append(("Set-Cookie", "; ".join(attrs)))
        return self


def alias(name: str) -> str:
    """The `name` a form field gets under the changed-markup fault (the server accepts both)."""
    return f"x-{name}"


def login_redirect(target: str) -> Response:
    """Where a page that needs a member sends everyone else."""
    return Response.redirect(f"/login?session_redirect={quote(target, safe='')}", status=302)


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler


class Router:
    """Routes registered with `@router.route("GET", "/path/<name>")`; `<name>` matches one path segment."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def route(self, method: str, path: str) -> Callable[[Handler], Handler]:
        regex = re.sub(r"<(\w+)>", r"(?P<\1>[^/]+)", re.escape(path))
        pattern = re.compile(f"^{regex}$")

        def register(handler: Handler) -> Handler:
            self.routes.append(Route(method, pattern, handler))
            return handler

        return register

    def include(self, others: Iterable[Router]) -> Router:
        for other in others:
            self.routes.extend(other.routes)
        return self

    def resolve(self, method: str, path: str) -> tuple[Handler | None, dict[str, str], bool]:
        """The handler and its path parameters; the flag says whether the path exists under another method."""
        path_known = False
        for route in self.routes:
            found = route.pattern.match(path)
            if found:
                path_known = True
                if route.method == method:
                    return route.handler, found.groupdict(), True
        return None, {}, path_known
