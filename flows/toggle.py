"""A LinkedIn setting page with one switch that saves in the background (`/mypreferences/d/settings/...`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from flows import i18n
from flows.base import Locator, LocatorTimeout, Page, ProbeTarget, Reading, Receipt, State
from flows.errors import NotVerified, TransientPageError
from flows.locator import TEXT, Strategy, find_each, in_languages

NOT_APPLICABLE = Locator("setting-not-applicable note", (
    (By.ID, "setting-not-applicable"),
    *in_languages("text", f"(//*[normalize-space()={TEXT}])[last()]", i18n.NOT_APPLICABLE),
))
SAVE_ERROR = Locator("save error toast", (
    (By.CSS_SELECTOR, "[role=alert].artdeco-toast"),
    Strategy(By.XPATH, "//*[@role='alert'][normalize-space()]", "non-empty alert"),
))


def switch_locator(label_id: str, labels: Mapping[str, str]) -> Locator:
    """The switch by its aria hook first; then by role and accessible name (aria-label, or the text its
    aria-labelledby points at); then as the first switch after its label text. Texts in every UI language."""
    return Locator(f"switch [{label_id}]", (
        (By.CSS_SELECTOR, f'input[role="switch"][aria-labelledby="{label_id}"]'),
        *in_languages("role switch named", f"//*[@role='switch'][@aria-label={TEXT} or "
                      f"@aria-labelledby=//*[normalize-space()={TEXT}]/@id]", labels),
        *in_languages("switch after label text",
                      f"//*[normalize-space()={TEXT}][not(*)]/following::*[@role='switch'][1]", labels),
    ))


_SWITCH_JS = """
const s = arguments[0];
const aria = s.getAttribute('aria-checked');
return [aria === 'true' || aria === 'false' ? aria === 'true' : s.checked === true,
        s.getAttribute('aria-busy') === 'true' || s.disabled === true || s.getAttribute('aria-disabled') === 'true'];
"""


def switch_state(switch: WebElement) -> tuple[bool, bool]:
    """(on, busy) in one round trip: aria-checked where the switch has it, else the checkbox's own state; busy
    while a save is under way (aria-busy, or disabled)."""
    on, busy = switch.parent.execute_script(_SWITCH_JS, switch)
    return bool(on), bool(busy)


def is_on(switch: WebElement) -> bool:
    return switch_state(switch)[0]


@dataclass
class SettingPage:
    """Page object for one setting; `switch_off` waits for the background save to finish."""

    page: Page
    path: str
    switch: Locator

    def open(self) -> WebElement | None:
        """Load the page and wait for the client-rendered switch; None when the setting is not offered."""
        self.page.open(self.path)
        found, element = self.page.first_of({"switch": self.switch, "absent": NOT_APPLICABLE})
        return element if found == "switch" else None

    def read(self) -> State:
        switch = self.open()
        if switch is None:
            return State.NOT_OFFERED
        return State.ON if is_on(switch) else State.OFF

    def switch_off(self) -> None:
        switch = self.page.find(self.switch)
        if not is_on(switch):
            return
        self.page.click(switch)
        try:
            self.page.wait(self._save_settled, f"{self.switch.name} to save")
        except LocatorTimeout:
            raise TransientPageError(f"the switch on {self.path} did not settle off after the click") from None

    def _save_settled(self, driver: WebDriver) -> bool:
        error, found = find_each(driver, (SAVE_ERROR, self.switch))
        if error:
            raise TransientPageError(f"LinkedIn answered that it could not save {self.path}")
        if found is None:
            return False
        on, busy = switch_state(found[0])
        return not busy and not on


@dataclass
class ToggleFlow:
    """A flow whose private state is a switch turned off."""

    name: str
    path: str
    switch: Locator
    is_form = False

    def _setting(self, page: Page) -> SettingPage:
        return SettingPage(page, self.path, self.switch)

    def check(self, page: Page) -> Reading:
        return Reading(self._setting(page).read())

    def apply(self, page: Page) -> Receipt:
        """Works on the page check() just read (the runner always checks first); verify() loads it afresh."""
        setting = self._setting(page)
        if page.path != self.path and setting.open() is None:
            return Receipt(detail="not offered")
        page.capture(f"{self.name}-before")
        setting.switch_off()
        return Receipt(detail="off")

    def first_page(self, page: Page) -> str | None:
        return self.path

    def prepare_verify(self, page: Page) -> bool:
        """The reload that verifies, started now (after the save ended) in a background tab, if that pays."""
        return page.preload(self.path)

    def verify(self, page: Page, receipt: Receipt) -> Reading:
        reading = self.check(page)
        if reading.state is State.ON:
            raise NotVerified(f"{self.name}: the switch is back on after a reload (LinkedIn did not keep the change)")
        page.capture(f"{self.name}-after")
        return reading

    def probe_targets(self) -> tuple[ProbeTarget, ...]:
        return (ProbeTarget(f"{self.name} page", self.path, one_of=(self.switch, NOT_APPLICABLE)),)
