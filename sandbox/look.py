"""Variants and languages: how a page looks for one request (globally chosen, or per account)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sandbox import i18n, wordings
from sandbox.draws import TODAY, Draw, draw

if TYPE_CHECKING:
    from sandbox.router import Request
    from sandbox.state import Store

# variant -> what it changes (docs/sandbox.md, "Variants")
VARIANTS = {
    "restyled": "class names changed and elements nested differently on the settings and Help Center pages",
    "aria-label-switch": "setting switches are named by aria-label (no aria-labelledby, no label id)",
    "listbox": "the objection form's dropdowns are custom listboxes instead of <select>",
    "form-iframe": "the objection form (and its confirmation) lives in an iframe",
    "cookie-banner": "a cookie-consent banner covers every page until accepted or rejected",
    "generated-ids": "the login form's ids and classes are generated per page; names and autocomplete stay",
    "slow-render": "member pages render their content by script, SLOW_RENDER_MS after load",
    "login-form-when-signed-in": "GET /login shows the sign-in form even with a live session (no redirect)",
}
# Variants that hand a flow to a person: no bot can finish them alone (tests of the hand-off use them).
HANDOFF_VARIANTS = {
    "unclassifiable-field": "the objection form has one more required field no bot can guess how to fill "
                            "(\u201cYour membership number\u201d); the form is refused until it is filled",
    "hidden-switch": "the generative-AI setting's switch is a plain clickable div: no role, no aria-*, no ids",
}
SLOW_RENDER_MS = 600
CONSENT_COOKIE = "li_gc"
LANG_COOKIE = "lang"
_LANG_IN_COOKIE = re.compile(r"lang=([a-z]{2})")


def check_variants(values: Any) -> tuple[str, ...]:
    """A list of known variant names, as a tuple; ValueError names an unknown one."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValueError("variants must be a list of variant names")
    values = tuple(values)
    known = {**VARIANTS, **HANDOFF_VARIANTS}
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ValueError(f"unknown variant(s) {', '.join(map(repr, unknown))} (known: {', '.join(known)})")
    return values


def check_language(value: Any) -> str:
    if value not in i18n.LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(i18n.LANGUAGES)}, not {value!r}")
    return str(value)


def lang_cookie(language: str) -> str:
    """The value of LinkedIn's `lang` cookie for a language."""
    return f"v=2&lang={language}-{language}"


@dataclass(frozen=True)
class Look:
    variants: frozenset[str] = frozenset()
    language: str = "en"
    consent_given: bool = True
    draw: Draw = TODAY

    def has(self, variant: str) -> bool:
        return variant in self.variants

    def t(self, key: str) -> str:
        """The text for `key` in this language, in the wording the member's draw picked."""
        return wordings.pick(self.language, key, self.draw)

    @property
    def banner(self) -> bool:
        return self.has("cookie-banner") and not self.consent_given


def member_draw(store: Store, email: str) -> Draw:
    """The member's draw: from its own seed, else the sandbox's (none: today's pages)."""
    spec = store.member(email).spec
    return draw(spec.seed if spec.seed is not None else store.seed, spec.email)


def member_language(store: Store, email: str) -> str | None:
    """The member's own language: its spec's, else its draw's (None: the global one)."""
    return store.member(email).spec.language or member_draw(store, email).language


def look_for(req: Request) -> Look:
    """Global variants plus the member's; language: the member's (its spec's, else drawn), else the `lang` cookie
    (guests), else global. Guests get no draw: the login page does not know who is coming."""
    variants, language = req.store.look()
    found = _LANG_IN_COOKIE.search(req.cookies.get(LANG_COOKIE, ""))
    if req.member is not None:
        spec = req.store.member(req.member).spec
        chosen = member_draw(req.store, req.member)
        return Look(variants | frozenset(spec.variants), member_language(req.store, req.member) or language,
                    CONSENT_COOKIE in req.cookies, chosen)
    if found and found.group(1) in i18n.LANGUAGES:
        language = found.group(1)
    return Look(variants, language, CONSENT_COOKIE in req.cookies)
