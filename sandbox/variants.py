"""The variant tables and the checks of what an account spec or `POST /__sandbox__/variants` may choose.

A leaf: it needs only the language table, so the store (sandbox/state.py) can check specs without importing how
pages look.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sandbox import i18n

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
