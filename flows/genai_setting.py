"""Data for Generative AI Improvement: the switch that lets LinkedIn train content-generating AI on a member."""

from flows.plan import GENAI_SETTING
from flows.toggle import ToggleFlow, switch_locator

PATH = "/mypreferences/d/settings/data-for-ai-improvement"
SWITCH = switch_locator("allowDataForGenerativeAI", "Use my data for training content creation AI models")

FLOW = ToggleFlow(GENAI_SETTING, PATH, SWITCH)
