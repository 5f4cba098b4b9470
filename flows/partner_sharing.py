"""Share data with affiliates and select partners (advertising, Microsoft); not offered in every region."""

from flows import i18n
from flows.plan import PARTNER_SHARING
from flows.toggle import ToggleFlow, switch_locator

PATH = "/mypreferences/d/settings/share-data-with-select-partners"
SWITCH = switch_locator("shareDataWithTrustedPartners", i18n.PARTNERS_SWITCH)

FLOW = ToggleFlow(PARTNER_SHARING, PATH, SWITCH)
