"""Comparing what a page says with what the bot expects, in any language and any close wording.

LinkedIn's wording is unconfirmed almost everywhere and changes between page versions, so texts are compared
after normalising (case, spacing, apostrophes), and labels by the share of their words a text contains.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'", "\u00a0": " "})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP_WORDS_TEXT = (
    "a an and the to of for on in my your by with or de des du la le les et pour à au aux der die das und für "
    "zur zum von mit el los las y para del al e il lo gli i per di da o het een en voor van met w i do na z "
    "dla oraz je ihre ihr mes mis meus mie mijn moje dell della dello delle degli nel nella zu im am")
_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def norm(text: str | None) -> str:
    """Case-folded, accents kept, apostrophes and spaces unified."""
    return " ".join((text or "").translate(_APOSTROPHES).casefold().split())


def words(text: str | None) -> list[str]:
    """The significant words of a text (stop words of the supported languages left out), accents removed."""
    plain = unicodedata.normalize("NFKD", norm(text))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return [word for word in _WORD.findall(plain) if word not in _STOP_WORDS and len(word) > 1]


def texts_of(texts: Mapping[str, str] | Iterable[str]) -> list[str]:
    return list(dict.fromkeys(texts.values() if isinstance(texts, Mapping) else texts))


def matches_any(text: str | None, texts: Mapping[str, str] | Iterable[str]) -> bool:
    """The text contains one of `texts` (normalised)."""
    haystack = norm(text)
    return bool(haystack) and any(norm(candidate) in haystack for candidate in texts_of(texts))


def likeness(text: str | None, label: str) -> float:
    """The share of the label's significant words (or their stems) that the text contains: 1.0 for the label
    itself or a sentence around it, less for another wording of the same thing."""
    wanted = words(label)
    if not wanted:
        return 0.0
    have = words(text)
    stems = {word[:5] for word in have}
    return sum(1 for word in wanted if word in have or word[:5] in stems) / len(wanted)


def best_likeness(text: str | None, texts: Mapping[str, str] | Iterable[str]) -> float:
    return max((likeness(text, label) for label in texts_of(texts)), default=0.0)
