"""The names of the opt-outs a run can do, and how `--only` and the CSV `flows` column expand into a plan."""

from __future__ import annotations

GENAI_SETTING = "genai-setting"
PARTNER_SHARING = "partner-sharing"
OBJECTION_AI_TRAINING = "objection-ai-training"
OBJECTION_PERSONALIZATION = "objection-personalization"

FLOW_NAMES = (GENAI_SETTING, PARTNER_SHARING, OBJECTION_AI_TRAINING, OBJECTION_PERSONALIZATION)
GROUPS = {"objection-form": (OBJECTION_AI_TRAINING, OBJECTION_PERSONALIZATION)}
DEFAULT_PLAN = FLOW_NAMES


class UnknownFlow(ValueError):
    """A flow name that is neither a flow nor a group."""


def known_names() -> list[str]:
    return [*FLOW_NAMES, *GROUPS]


def expand(names: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Expand flow and group names into the plan, in the canonical order; empty or None means the default."""
    if not names:
        return DEFAULT_PLAN
    wanted: set[str] = set()
    for name in names:
        name = name.strip()
        if name in GROUPS:
            wanted.update(GROUPS[name])
        elif name in FLOW_NAMES:
            wanted.add(name)
        else:
            raise UnknownFlow(f"unknown flow {name!r} (known: {', '.join(known_names())})")
    return tuple(n for n in FLOW_NAMES if n in wanted)
