"""Data for Generative AI Improvement: the switch that lets LinkedIn train content-generating AI on a member."""

from flows import i18n
from flows.plan import GENAI_SETTING
from flows.toggle import ToggleFlow, switch_locator

PATH = "/mypreferences/d/settings/data-for-ai-improvement"
SWITCH = switch_locator("allowDataForGenerativeAI", i18n.GENAI_SWITCH)

FLOW = ToggleFlow(GENAI_SETTING, PATH, SWITCH, titles=(*i18n.GENAI_TITLE.values(), *i18n.GENAI_SWITCH.values()))
