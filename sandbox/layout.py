"""The page shell every sandbox page shares, and the hooks (ids, classes, names) locators rely on."""

from __future__ import annotations

import hashlib
import json
import secrets
from html import escape
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from sandbox import scripts
from sandbox.draws import digest
from sandbox.look import SLOW_RENDER_MS, Look
from sandbox.router import Response, alias

# Ids LINKEDIN.md confirms (the switches' aria-labelledby targets): a draw never renames them.
CONFIRMED_IDS = frozenset({"allowDataForGenerativeAI", "shareDataWithTrustedPartners"})
WRAPPERS = ("div", "section", "div")

CSS = "\n" + scripts.static("sandbox.css")  # the page style (inside <style>, on lines of its own)



class Hooks:
    """How one page renders for one request: the ids, classes and field names locators rely on (renamed under
    the changed-markup fault, restyled or generated under the variants) and its texts (the request's language)."""

    def __init__(self, changed: bool = False, look: Look | None = None, generated_ids: bool = False,
                 me: tuple[str, str] | None = None) -> None:
        self.changed = changed
        self.look = look or Look()
        self.draw = self.look.draw
        self.generated_ids = generated_ids
        self.me = me  # the signed-in member's name and profile path, for the navigation's Me menu
        self._ids: dict[str, str] = {}

    def id(self, name: str) -> str:
        """An element id: as documented, renamed by the changed-markup fault or the generated-ids variant, or
        (unconfirmed ids only) generated the way LinkedIn's Ember app numbers them, under the member's draw."""
        if self.changed or self.generated_ids:
            if name not in self._ids:
                prefix = "x-generated-" if self.changed else "ember"
                self._ids[name] = f"{prefix}{secrets.randbelow(900_000) + 100_000}-{len(self._ids)}"
            return self._ids[name]
        if self.draw.ids == "generated" and name not in CONFIRMED_IDS:
            if name not in self._ids:
                self._ids[name] = f"ember{int(self.draw.salt[:3], 16) + 100 + len(self._ids)}"
            return self._ids[name]
        return name

    def cls(self, names: str, stable: bool = False) -> str:
        """Class names; `stable` ones (the global navigation's) are left alone by the restyled variant and draws."""
        if self.changed:
            return " ".join("x-" + _digest(n) for n in names.split())
        if self.generated_ids or (self.restyled and not stable):
            return " ".join("_" + _digest("v2" + n)[:6] for n in names.split())
        if self.draw.classes == "hashed" and not stable:  # as LinkedIn's build hashes them: "_134c2e1f b90c5754"
            return " ".join(f"_{digest(self.draw.salt, n)} {_letter_first(digest(self.draw.salt, n + '+'))}"
                            for n in names.split())
        return names

    def name(self, name: str) -> str:
        """A form field's name: as documented, `x-` under the changed-markup fault, or random-looking in a draw."""
        if self.changed:
            return alias(name)
        return drawn_name(self.draw.salt, name) if self.draw.field_names == "random" else name

    def wrap(self, inner: str, what: str) -> str:
        """`inner` inside the draw's extra wrappers (divs and sections, hashed classes as LinkedIn nests)."""
        for level in range(self.draw.depth):
            tag = WRAPPERS[level % len(WRAPPERS)]
            inner = f'<{tag} class="{self.cls(f"{what}-wrap-{level}")}">{inner}</{tag}>'
        return inner

    @property
    def restyled(self) -> bool:
        return self.look.has("restyled")

    def t(self, key: str) -> str:
        return escape(self.look.t(key))


def _digest(name: str) -> str:
    return hashlib.sha1(name.encode()).hexdigest()[:8]


def _letter_first(text: str) -> str:
    """A hash that starts with a letter, so that it is a class a CSS selector can name without escapes."""
    return text if text[0].isalpha() else "abcdefghij"[int(text[0])] + text[1:]


def drawn_name(salt: str, name: str) -> str:
    """The random-looking field name a draw gives `name` (the server maps it back from the same draw)."""
    return f"f{digest(salt, 'field:' + name, 10)}"


def attr(value: Any) -> str:
    return escape(str(value), quote=True)


def json_script(element_id: str, data: Any) -> str:
    """Data for a page script, safe inside <script> (no "</" can close it)."""
    text = json.dumps(data).replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def global_nav(hooks: Hooks) -> str:
    """The navigation; under a seed its Me menu links to the profile (and may carry the name) and Settings leads
    to the settings home."""
    me, settings = "Me", "/mypreferences/d/categories/privacy"
    if hooks.draw.seed is not None and hooks.me is not None:
        name, profile = hooks.me
        settings = "/mypreferences/d"
        title = f' title="{attr(name)}"' if hooks.draw.feed_name == "me-title" else ""
        photo = (f'<img alt="{attr(name)}" src="{AVATAR}" width="24" height="24"> '
                 if hooks.draw.feed_name == "me-img-alt" else "")
        me = f'<a href="{attr(profile)}"{title}>{photo}<span>Me</span></a>'
    return (
        f'<nav class="{hooks.cls("global-nav", stable=True)}" aria-label="Primary">'
        f'<a class="{hooks.cls("global-nav__primary-link", stable=True)}" href="/feed/">Home</a>'
        f'<a href="{settings}">Settings &amp; Privacy</a>'
        '<a href="/help/linkedin/cases">Help</a>'
        f'<div class="{hooks.cls("global-nav__me", stable=True)}">{me}</div></nav>'
    )


AVATAR = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Ccircle cx='12' "
          "cy='12' r='12' fill='%23a0b4b7'/%3E%3C/svg%3E")


def page(title: str, body: str, *, hooks: Hooks | None = None, member: bool = False, framed: bool = False,
         tail: str = "") -> str:
    """A whole HTML5 document in the request's language (templates/page.html.j2); `member` adds the global
    navigation, `tail` goes after the body (scripts), `framed` makes a bare document for an iframe. Variants: a
    cookie banner over the page, member content rendered late by script."""
    h = hooks or Hooks()
    return render("page.html.j2", h, title=title, body=Markup(body), tail=Markup(tail), member=member,
                  framed=framed, nav=Markup(global_nav(h)) if member else "", slow_render_ms=SLOW_RENDER_MS,
                  banner=not framed and h.look.banner)


# ---- templates ------------------------------------------------------------------------------------


def _finalize(value: Any) -> Any:
    """Every value a template prints, escaped as the pages always were (html.escape: &#x27; and &quot;, where
    markupsafe writes &#39; and &#34;); HTML a caller built (Markup) passes through."""
    if hasattr(value, "__html__"):
        return value
    return Markup(escape(str(value), quote=True))


TEMPLATES = Environment(loader=PackageLoader("sandbox", "templates"), autoescape=True, finalize=_finalize,
                        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
TEMPLATES.globals.update(
    css=Markup(CSS), js={name: Markup(getattr(scripts, name)) for name in dir(scripts) if name.isupper()},
    json_script=lambda element_id, data: Markup(json_script(element_id, data)))


def render(name: str, h: Hooks, **values: Any) -> str:
    """A template of sandbox/templates/ for the page `h` renders: `h`, and `t` for its texts, unescaped (the
    template escapes them)."""
    return TEMPLATES.get_template(name).render(h=h, t=h.look.t, **values)


def body(name: str, h: Hooks, **values: Any) -> str:
    """A page's body from its template (the file's last line break is not part of it)."""
    return render(name, h, **values).removesuffix("\n")


def html(title: str, body: str, *, status: int = 200, **kwargs: Any) -> Response:
    return Response.html(page(title, body, **kwargs), status)


def not_found() -> Response:
    body = '<main><h1>This page doesn\'t exist</h1><p><a href="/feed/">Go to your feed</a></p></main>'
    return html("Page not found | LinkedIn", body, status=404)


def error_page(status: int) -> Response:
    body = f'<main><h1>Something went wrong</h1><p class="muted">Error {status}. Try again later.</p></main>'
    return html("LinkedIn", body, status=status)


def unexpected_page() -> Response:
    """A page the bot has never seen: what a redesign looks like to a locator (the unexpected-page fault)."""
    body = ('<main><h1>Your privacy, reimagined</h1><p class="muted">We are rolling out a new experience for '
            'your settings.</p><button type="button" class="x-cta">Explore</button></main>')
    return html("LinkedIn", body)
