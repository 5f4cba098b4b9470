"""Data for Generative AI Improvement: the switch that lets LinkedIn train content-generating AI on a member."""

from flows import registry
from flows.plan import GENAI_SETTING
from flows.toggle import ToggleFlow, switch_locator

ENTRY = registry.ENTRIES[GENAI_SETTING]
PATH = ENTRY.path
SWITCH = switch_locator(ENTRY.label_id, ENTRY.labels)

FLOW = ToggleFlow(GENAI_SETTING, PATH, SWITCH, titles=(*ENTRY.titles.values(), *ENTRY.labels.values()))
