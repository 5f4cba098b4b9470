"""Share data with affiliates and select partners (advertising, Microsoft); not offered in every region."""

from flows import registry
from flows.plan import PARTNER_SHARING
from flows.toggle import ToggleFlow, switch_locator

ENTRY = registry.ENTRIES[PARTNER_SHARING]
PATH = ENTRY.path
SWITCH = switch_locator(ENTRY.label_id, ENTRY.labels)

FLOW = ToggleFlow(PARTNER_SHARING, PATH, SWITCH, titles=(*ENTRY.titles.values(), *ENTRY.labels.values()),
                  categories=ENTRY.categories, regional=True)
