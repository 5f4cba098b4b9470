"""Share data with affiliates and select partners (advertising, Microsoft); not offered in every region."""

from flows.plan import PARTNER_SHARING
from flows.toggle import ToggleFlow, switch_locator

PATH = "/mypreferences/d/settings/share-data-with-select-partners"
SWITCH = switch_locator("shareDataWithTrustedPartners", "Share my data with affiliates and select partners")

FLOW = ToggleFlow(PARTNER_SHARING, PATH, SWITCH)
