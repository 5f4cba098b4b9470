"""Share data with affiliates and select partners (advertising, Microsoft); not offered in every region."""

from flows import i18n
from flows.navigation import ADS, PRIVACY
from flows.plan import PARTNER_SHARING
from flows.toggle import ToggleFlow, switch_locator

PATH = "/mypreferences/d/settings/share-data-with-select-partners"
SWITCH = switch_locator("shareDataWithTrustedPartners", i18n.PARTNERS_SWITCH)

FLOW = ToggleFlow(PARTNER_SHARING, PATH, SWITCH, titles=(*i18n.PARTNERS_TITLE.values(), *i18n.PARTNERS_SWITCH.values()),
                  categories=(ADS, PRIVACY), regional=True)
