"""For sandbox tests: an HTTP client (urllib, no redirects or proxies, own cookies) and an HTML reader."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


@dataclass
class Answer:
    status: int
    headers: Message
    text: str

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")

    def json(self) -> Any:
        return json.loads(self.text)

    def doc(self) -> Doc:
        return Doc(self.text)


@dataclass
class Client:
    """One browser's worth of cookies against one sandbox."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, *, body: bytes | None = None,
                headers: dict[str, str] | None = None, timeout: float = 5) -> Answer:
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        req = urllib.request.Request(self.base + path, data=body, headers=all_headers, method=method)
        try:
            resp = _OPENER.open(req, timeout=timeout)
        except urllib.error.HTTPError as err:
            resp = err
        with resp:
            answer = Answer(resp.status, resp.headers, resp.read().decode("utf-8"))
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        return answer

    def get(self, path: str, **kwargs: Any) -> Answer:
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, data: dict[str, str], **kwargs: Any) -> Answer:
        body = urlencode(data).encode()
        return self.request("POST", path, body=body,
                            headers={"Content-Type": "application/x-www-form-urlencoded"}, **kwargs)

    def post_json(self, path: str, data: Any, headers: dict[str, str] | None = None, **kwargs: Any) -> Answer:
        return self.request("POST", path, body=json.dumps(data).encode(),
                            headers={"Content-Type": "application/json", **(headers or {})}, **kwargs)

    def login(self, email: str, password: str, target: str = "") -> Answer:
        form = {"session_key": email, "session_password": password, "session_redirect": target}
        return self.post_form("/checkpoint/lg/login-submit", form)

    @property
    def csrf_token(self) -> str:
        return self.cookies["JSESSIONID"].strip('"')


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


class Doc(HTMLParser):
    """Every element of a page with its attributes and text, enough to assert on ids, roles and texts."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [e for e in self.elements if (tag is None or e.tag == tag)
                and all(e.attrs.get(k) == v for k, v in wanted.items())]

    def by_id(self, element_id: str) -> Element | None:
        found = [e for e in self.elements if e.attrs.get("id") == element_id]
        return found[0] if found else None
