"""Every flow the runner can run, by name: the objection forms, and a ToggleFlow per registry entry."""

from flows import genai_setting, objection_form, partner_sharing, registry
from flows.base import Flow
from flows.toggle import ToggleFlow, switch_locator


def toggle_flow(entry: registry.Entry) -> ToggleFlow:
    """The flow of a registry entry: its switch by its confirmed hook, then by its labels (and, alone on its page,
    as the page's only switch); its page at its path, else through its Settings categories by its titles."""
    switch = switch_locator(entry.label_id, entry.labels, only_switch=not entry.shares_page, css=entry.switch_css)
    return ToggleFlow(entry.name, entry.path, switch, titles=(*entry.titles.values(), *entry.labels.values()),
                      categories=entry.categories, regional=entry.regional)


_BUILT = {flow.name: flow for flow in (
    genai_setting.FLOW, partner_sharing.FLOW, objection_form.AI_TRAINING, objection_form.PERSONALIZATION)}
FLOWS: dict[str, Flow] = {name: _BUILT.get(name) or toggle_flow(entry) for name, entry in registry.ENTRIES.items()}


def register(entry: registry.Entry) -> Flow:
    """Adds a switch: its entry (the flow list, groups, `--only`, `optout plans`, the sandbox's table) and its flow."""
    if entry.name in registry.ENTRIES:
        raise ValueError(f"flow {entry.name!r} is already registered")
    registry.ENTRIES[entry.name] = entry
    FLOWS[entry.name] = flow = toggle_flow(entry)
    return flow


def unregister(name: str) -> None:
    registry.ENTRIES.pop(name, None)
    FLOWS.pop(name, None)
