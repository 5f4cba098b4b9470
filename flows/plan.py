"""The names of the opt-outs a run can do, and how `--only` and the CSV `flows` column expand into a plan."""

from __future__ import annotations

from flows import registry

GENAI_SETTING = "genai-setting"
PARTNER_SHARING = "partner-sharing"
OBJECTION_AI_TRAINING = "objection-ai-training"
OBJECTION_PERSONALIZATION = "objection-personalization"

FLOW_NAMES = registry.flow_names()  # every flow at import time (the registry's order); flows registered later
GROUPS = registry.groups()           # count in known_names() and expand() all the same
DEFAULT_PLAN = registry.default_plan()


class UnknownFlow(ValueError):
    """A flow name that is neither a flow nor a group."""


def known_names() -> list[str]:
    return [*registry.flow_names(), *registry.groups()]


def expand(names: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Expand flow and group names into the plan, in the canonical order; empty or None means the default."""
    if not names:
        return DEFAULT_PLAN
    wanted: set[str] = set()
    flows, groups = registry.flow_names(), registry.groups()
    for name in names:
        name = name.strip()
        if name in groups:
            wanted.update(groups[name])
        elif name in flows:
            wanted.add(name)
        else:
            raise UnknownFlow(f"unknown flow {name!r} (known: {', '.join(known_names())}; `optout plans` "
                              "says what each does)")
    return tuple(n for n in flows if n in wanted)
