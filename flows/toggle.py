"""A LinkedIn setting page with one switch that saves in the background (`/mypreferences/d/settings/...`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from flows import i18n
from flows.base import Flow, Locator, LocatorTimeout, Page, PageMissing, ProbeTarget, Reading, Receipt, State
from flows.errors import FlowError, NotVerified, PageChanged, TransientPageError
from flows.locator import TEXT, Strategy, find_each, in_languages
from flows.navigation import PRIVACY, find_setting
from flows.person import Handoff

log = logging.getLogger("flows.toggle")

NOT_APPLICABLE = Locator("setting-not-applicable note", (
    (By.ID, "setting-not-applicable"),
    *in_languages("text", f"(//*[normalize-space()={TEXT}])[last()]", i18n.NOT_APPLICABLE),
), unmatched="the switch is looked for at the same time; a page with neither is page-changed")
SAVE_ERROR = Locator("save error toast", (
    (By.CSS_SELECTOR, "[role=alert].artdeco-toast"),
    Strategy(By.XPATH, "//*[@role='alert'][normalize-space()]", "non-empty alert", structural=True),
))


ONLY_SWITCH = (
    Strategy(By.XPATH, "(//main)[1][count(.//*[@role='switch'])=1]//*[@role='switch']", "the only switch in main",
             structural=True),
    Strategy(By.XPATH, "/html/body[not(.//main)][count(.//*[@role='switch'])=1]//*[@role='switch']",
             "the only switch on the page", structural=True),
    Strategy(By.XPATH, "(//main)[1][not(.//*[@role='switch'])][count(.//input[@type='checkbox'])=1]"
             "//input[@type='checkbox']", "the only checkbox in main", structural=True),
)
"""A page made for one setting has one switch: found by that alone, whatever its label or hooks say."""


def switch_locator(label_id: str, labels: Mapping[str, str], only_switch: bool = True, css: str = "") -> Locator:
    """The switch by its aria hook first (confirmed by PSST), or by the confirmed CSS hook `css` in its place;
    then by role and accessible name (aria-label, or the text its aria-labelledby points at), and as the first
    switch after its label text, in every UI language; then, on a page for one setting (`only_switch`), as the
    page's only switch (never on a page with two switches)."""
    hooks = ((By.CSS_SELECTOR, css),) if css else (
        (By.CSS_SELECTOR, f'input[role="switch"][aria-labelledby="{label_id}"]'),
        (By.CSS_SELECTOR, f'[role="switch"][aria-labelledby="{label_id}"]'))
    return Locator(f"switch [{label_id or css}]", (
        *hooks,
        *in_languages("role switch named", f"//*[@role='switch'][@aria-label={TEXT} or "
                      f"@aria-labelledby=//*[normalize-space()={TEXT}]/@id]", labels),
        *in_languages("switch after label text",
                      f"//*[normalize-space()={TEXT}][not(*)]/following::*[@role='switch'][1]", labels),
        *(ONLY_SWITCH if only_switch else ()),
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

    def open(self, reuse: bool = False) -> WebElement | None:
        """Load the page (or, with `reuse`, take it as it loaded) and wait for the client-rendered switch; None
        when the setting is not offered."""
        self.page.open(self.path, reuse)
        found, element = self.page.first_of({"switch": self.switch, "absent": NOT_APPLICABLE})
        return element if found == "switch" else None

    def read(self, reuse: bool = False) -> State:
        try:
            switch = self.open(reuse)
        except LocatorTimeout:
            shown = _state_text(self.page.driver)
            if shown is None:
                raise
            log.warning("no switch found on %s; its state text says %s", self.path, shown)
            return shown
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
        """The switch reads off and idle (an alert beside it then is a confirmation, whatever it says); an
        alert while it does not is LinkedIn saying the save failed."""
        error, found = find_each(driver, (SAVE_ERROR, self.switch))
        if found is not None:
            on, busy = switch_state(found[0])
            if not busy and not on:
                return True
        if error:
            raise TransientPageError(f"LinkedIn answered that it could not save {self.path}")
        return False


class SaveNotKept(NotVerified):
    """The switch read on again after a reload: LinkedIn answered the save but did not keep it. Retried (the
    retry checks, applies again and verifies again), as far as the retry budget allows."""


@dataclass
class ToggleFlow(Flow):
    """A flow whose private state is a switch turned off. Its page is found at its known path, else through
    the Settings `categories` pages that link to it by one of its `titles` (remembered for the account). A
    `regional` setting that no Settings page links to is not offered to the member."""

    name: str
    path: str
    switch: Locator
    titles: tuple[str, ...]  # the setting's title and its switch's label, in every language
    categories: tuple[str, ...] = (PRIVACY,)
    regional: bool = False  # not offered in every region: absent from every Settings page means not offered

    def _setting(self, page: Page) -> SettingPage:
        return SettingPage(page, self.where(page), self.switch)

    def where(self, page: Page) -> str:
        """The setting's path for this account: the known one, or where the Settings pages led."""
        return page.memo.get(self._moved_key, self.path)

    @property
    def _moved_key(self) -> str:
        return f"{self.name}: moved to"

    def _read(self, page: Page, reuse: bool = False) -> State:
        try:
            return self._setting(page).read(reuse)
        except PageMissing as missing:
            if self._moved_key in page.memo:
                raise
            found = find_setting(page, self.titles, self.categories)
            if found is None and self.regional:
                page.matched["setting page"] = f"none: {missing.path} does not exist and no Settings page links to it"
                return State.NOT_OFFERED
            if found is None:
                raise PageChanged(f"{missing}, and no Settings page links to {self.name}'s setting",
                                  url=missing.path) from None
            page.memo[self._moved_key], via = found
            page.matched["setting page"] = f"{found[0]} (linked from {via})"
            return self._setting(page).read()

    def check(self, page: Page) -> Reading:
        """The switch as the page shows it; a page another flow just loaded afresh and left untouched (the other
        switch on a page with two) is read as it is."""
        return Reading(self._read(page, reuse=True))

    def apply(self, page: Page) -> Receipt:
        """Works on the page check() just read (the runner always checks first); verify() loads it afresh."""
        setting = self._setting(page)
        if page.path != setting.path and setting.open() is None:
            return Receipt(detail="not offered")
        page.capture(f"{self.name}-before")
        setting.switch_off()
        return Receipt(detail="off")

    def first_page(self, page: Page) -> str | None:
        return self.where(page)

    def prepare_verify(self, page: Page) -> bool:
        """The reload that verifies, started now (after the save ended) in a background tab, if that pays."""
        return page.preload(self.where(page))

    def verify(self, page: Page, receipt: Receipt) -> Reading:
        reading = Reading(self._read(page))
        if reading.state is State.ON:
            raise SaveNotKept(f"{self.name}: the switch is back on after a reload (LinkedIn did not keep the "
                              "change)")
        page.capture(f"{self.name}-after")
        return reading

    def finished_by_person(self, page: Page, answer: object) -> Receipt:
        return Receipt(detail="switched off by a person")

    def handoff(self, page: Page, problem: FlowError) -> Handoff:
        """The person switches it off in the window; seen when the switch reads off, or, where the bot cannot
        find the switch at all, when the page starts saying "Off" once more than it did."""
        offs_before = _offs(page.driver)

        def switched_off(driver: WebDriver) -> bool:
            found = self.switch.find(driver)
            if found is not None:
                on, busy = switch_state(found[0])
                return not on and not busy
            return _offs(driver) > offs_before

        return Handoff(f"Switch {self.titles[0]!r} off on this page ({problem.message})", switched_off,
                       f"{self.name}'s switch to read off")

    def probe_targets(self) -> tuple[ProbeTarget, ...]:
        return (ProbeTarget(f"{self.name} page", self.path, one_of=(self.switch, NOT_APPLICABLE),
                            relocate=lambda page: find_setting(page, self.titles, self.categories)),)


_WORDS_JS = """
const root = document.querySelector('main') || document.body;
const words = arguments[0];
return root ? Array.from(root.querySelectorAll('*')).filter((el) => !el.children.length
  && words.includes((el.textContent || '').trim().toLowerCase())).length : 0;
"""


def _says(driver: WebDriver, texts: Mapping[str, str]) -> int:
    """How many elements say just one of `texts` (a state text beside a switch, like artdeco-toggle__text)."""
    return int(driver.execute_script(_WORDS_JS, [word.lower() for word in texts.values()]) or 0)


def _offs(driver: WebDriver) -> int:
    return _says(driver, i18n.SWITCH_OFF)


def _state_text(driver: WebDriver) -> State | None:
    """A setting's state from the "On"/"Off" text LinkedIn's toggles show beside them (artdeco-toggle__text),
    for a page whose switch the bot cannot find; None unless the page says only one of them."""
    offs, ons = _offs(driver), _says(driver, i18n.SWITCH_ON)
    if bool(offs) == bool(ons):
        return None
    return State.OFF if offs else State.ON
