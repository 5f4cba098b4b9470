"""How a page looks: the variants and language chosen for it and the member's draw (sandbox/auth.py `look_for`
works out which apply to a request)."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox import wordings
from sandbox.draws import TODAY, Draw
from sandbox.variants import HANDOFF_VARIANTS, VARIANTS

__all__ = ["CONSENT_COOKIE", "HANDOFF_VARIANTS", "LANG_COOKIE", "SLOW_RENDER_MS", "VARIANTS", "Look", "lang_cookie"]

SLOW_RENDER_MS = 600
CONSENT_COOKIE = "li_gc"
LANG_COOKIE = "lang"


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
