"""What a seed draws: one choice per page detail LINKEDIN.md does not confirm, made once per member.

The flows must not depend on the sandbox's guesses, so a seeded sandbox varies every guess: a member's pages
follow `draw(seed, email)`, the same for the same seed and email, different across seeds. Without a seed a
member gets `TODAY`, the pages as they were before seeds existed. Confirmed facts (paths, the switches'
aria-labelledby ids, login fields, cookies) stay fixed in most draws. docs/sandbox.md lists every choice.
"""

from __future__ import annotations

import functools
import hashlib
import random
import re
import unicodedata
from dataclasses import dataclass, fields

from sandbox.i18n import LANGUAGES


@dataclass(frozen=True)
class Draw:
    """One member's page details; the defaults are today's pages (no seed)."""

    language: str | None = None  # None: not drawn (the spec's or the global language)
    classes: str = "plain"
    ids: str = "plain"
    depth: int = 0
    feed_name: str = "h2"
    profile_heading: str = "h1"
    name_on_email_page: bool = False
    emails_markup: str = "list"
    primary_mark: str = "label"
    genai_title: int = 0
    genai_question: int = 0
    genai_label: int = 0
    partners_title: int = 0
    partners_question: int = 0
    partners_label: int = 0
    switch: str = "labelledby"
    genai_path: str = ""  # "" = the known path
    partners_path: str = ""
    genai_lost_save: bool = False
    partners_lost_save: bool = False
    form_shape: str = "dyna"
    form_controls: str = "select"
    required_mark: str = "none"
    names_prefilled: bool = True
    field_names: str = "plain"
    form_labels: int = 0
    country_preselected: bool = True
    details_required: bool = False
    subject: str = "option"
    cases_markup: str = "list"
    case_phrasing: str = "bare"
    case_data: bool = True
    confirmation: str = "case-number-is"
    confirmation_link: str = "none"
    salt: str = "0" * 16  # hashes class names, ids, field names and the profile slug
    seed: int | None = None  # the seed that drew it (None: today's pages)

    def path(self, slug: str) -> str:
        """Where a setting page lives for this member (a moved setting has a new slug)."""
        return {"data-for-ai-improvement": self.genai_path,
                "share-data-with-select-partners": self.partners_path}.get(slug) or slug

    def profile_slug(self, name: str) -> str:
        """The member's `/in/<slug>/`: the name in ASCII, plus a hash as LinkedIn adds to common names."""
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        base = "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower())) or "member"
        return base if self.seed is None else f"{base}-{digest(self.salt, 'slug', 6)}"

    def lost_save(self, slug: str) -> bool:
        """Whether the first save of this setting is answered but dropped."""
        return {"data-for-ai-improvement": self.genai_lost_save,
                "share-data-with-select-partners": self.partners_lost_save}.get(slug, False)


def _even(*alternatives: object) -> tuple[tuple[object, ...], tuple[int, ...]]:
    return alternatives, (1,) * len(alternatives)


def _mostly(usual: object, weight: int, *others: object) -> tuple[tuple[object, ...], tuple[int, ...]]:
    """The usual alternative (a confirmed fact, or today's guess) `weight` times as likely as each other."""
    return (usual, *others), (weight, *(1,) * len(others))


# field -> (alternatives, weights). The first alternative is the field's default (today's page).
CHOICES: dict[str, tuple[tuple[object, ...], tuple[int, ...]]] = {
    "language": _mostly("en", len(LANGUAGES), *LANGUAGES[1:]),
    "classes": _even("plain", "hashed"),
    "ids": _even("plain", "generated"),
    "depth": _even(0, 1, 2, 3),
    "feed_name": _even("h2", "h1", "a", "span", "me-title", "me-img-alt"),
    "profile_heading": _even("h1", "h1-span", "h1-nested"),
    "name_on_email_page": _even(False, True),
    "emails_markup": _even("list", "table", "cards"),
    "primary_mark": _even("label", "badge", "section"),
    "genai_title": _even(0, 1, 2),
    "genai_question": _even(0, 1, 2),
    "genai_label": _even(0, 1, 2, 3),
    "partners_title": _even(0, 1, 2),
    "partners_question": _even(0, 1, 2),
    "partners_label": _even(0, 1, 2, 3),
    "switch": _mostly("labelledby", 12, "other-id", "aria-label", "label-wrap", "button"),
    "genai_path": _mostly("", 10, "generative-ai-data-use", "ai-model-training-data"),
    "partners_path": _mostly("", 10, "data-sharing-with-partners", "share-data-with-affiliates"),
    "genai_lost_save": _mostly(False, 5, True),
    "partners_lost_save": _mostly(False, 5, True),
    "form_shape": _even("dyna", "ask"),
    "form_controls": _even("select", "listbox"),
    "required_mark": _even("none", "required", "aria-required", "star"),
    "names_prefilled": _even(True, False),
    "field_names": _even("plain", "random"),
    "form_labels": _even(0, 1, 2),
    "country_preselected": _even(True, False),
    "details_required": _even(False, True),
    "subject": _mostly("option", 4, "prefixed", "form-title"),
    "cases_markup": _even("list", "table", "cards", "links"),
    "case_phrasing": _even("bare", "case", "hash", "case-number"),
    "case_data": _even(True, False),
    "confirmation": _even("case-number-is", "case-hash", "reference", "received"),
    "confirmation_link": _even("none", "link", "link-only"),
}

TODAY = Draw()


@functools.lru_cache(maxsize=4096)
def draw(seed: int | None, email: str) -> Draw:
    """The member's draw: `random.Random(f"{seed}:{email lowercased}")` picks every choice; no seed: TODAY."""
    if seed is None:
        return TODAY
    rng = random.Random(f"{seed}:{email.strip().lower()}")
    picks = {name: rng.choices(alternatives, weights)[0] for name, (alternatives, weights) in CHOICES.items()}
    return Draw(**picks, salt=f"{rng.getrandbits(64):016x}", seed=seed)  # type: ignore[arg-type]


def as_dict(chosen: Draw) -> dict[str, object]:
    """The draw as JSON (`GET /__sandbox__/draw`), to say what a failing seed showed."""
    return {f.name: getattr(chosen, f.name) for f in fields(chosen)}


def digest(salt: str, name: str, length: int = 8) -> str:
    """A stable hash of `name` for this member: hashed classes, generated field names, the profile slug."""
    return hashlib.sha1(f"{salt}:{name}".encode()).hexdigest()[:length]
