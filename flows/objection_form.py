"""The Data Processing Objection Form (`/help/linkedin/ask/TS-DPRO`) and the Help Center's list of cases.

Field ids are unconfirmed for this form (LINKEDIN.md); the ids of its sibling form TS-RDMLP come first, then
names, then label texts in every UI language, so a different guess on LinkedIn's side still leaves a strategy
that matches. The form may use `<select>`s or custom listboxes, and may live in an iframe.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from flows import i18n
from flows.base import Locator, Page, ProbeTarget, Reading, Receipt, State
from flows.errors import FlowError, NotVerified, PageChanged
from flows.locator import TEXT, Strategy, in_languages
from flows.plan import OBJECTION_AI_TRAINING, OBJECTION_PERSONALIZATION

FORM_PATH = "/help/linkedin/ask/TS-DPRO"
CASES_PATH = "/help/linkedin/cases"

_CONTROL = "self::input[not(@type='hidden')] or self::select or self::textarea or @aria-haspopup='listbox'"


def _field(name: str, labels: Mapping[str, str]) -> Locator:
    """A form field: by id, by name, then as the control its label (in any language) is for or precedes."""
    return Locator(f"form field {name}", (
        (By.ID, f"dyna-{name}"),
        (By.CSS_SELECTOR, f'[name="{name}"]:not([type=hidden])'),
        *in_languages("label text", f"//*[@id=//label[normalize-space()={TEXT}]/@for] | "
                      f"//label[normalize-space()={TEXT}]/following::*[{_CONTROL}][1]", labels),
    ))


def _option(what: str, value: str, texts: Mapping[str, str]) -> Locator:
    """A choice in a dropdown (`<option>`) or a custom listbox (`[role=option]`); searched within the control."""
    return Locator(f"option {what}", (
        Strategy(By.CSS_SELECTOR, f'option[value="{value}"], [role=option][data-value="{value}"]',
                 f"value {value!r}"),
        *in_languages("option text", f".//*[self::option or @role='option'][normalize-space()={TEXT}]", texts),
    ))


FORM_FRAME = Locator("objection form iframe", (
    (By.CSS_SELECTOR, "iframe[src*='TS-DPRO']"),
    *in_languages("iframe titled", f"//iframe[@title={TEXT}]", i18n.FORM_TITLE),
))
FIRST_NAME = _field("firstname", i18n.FIRST_NAME)
LAST_NAME = _field("lastname", i18n.LAST_NAME)
EMAIL = _field("email", i18n.EMAIL)
REQUEST_TYPE = _field("request_type", i18n.REQUEST_TYPE)
OBJECTION_TYPE = _field("objection_type", i18n.OBJECTION_TYPE)
OBJECTION_REQUEST = _option("objection or restriction request", "objection", i18n.OBJECTION_REQUEST)
LISTBOX = Locator("listbox of a dropdown", (
    Strategy(By.XPATH, "following::*[@role='listbox'][1]", "the listbox after the button"),))
SUBMIT = Locator("form submit button", (
    (By.ID, "dynaform-submit"),
    (By.CSS_SELECTOR, "form#dynaform button[type=submit]"),
    *in_languages("button text", f"//form//button[not(@type='button')][normalize-space()={TEXT}]", i18n.SUBMIT),
    Strategy(By.XPATH, "//form[.//select or .//*[@aria-haspopup='listbox']]//button[@type='submit' or not(@type)]",
             "the dropdown form's submit button"),
))
CASE_NUMBER = Locator("case number", (
    (By.ID, "case-number"),
    *in_languages("text", f"(//*[contains(normalize-space(), {TEXT})])[last()]", i18n.CASE_NUMBER_IS),
))
_CASE_ID = re.compile("(?:" + "|".join(map(re.escape, i18n.CASE_NUMBER_IS.values()))
                      + r")\s*:?\s*([A-Za-z0-9][A-Za-z0-9-]{3,})", re.IGNORECASE)
FORM_ERROR = Locator("form error", (
    (By.ID, "dynaform-error"),
    Strategy(By.XPATH, "//form/preceding::*[@role='alert'][normalize-space()]", "non-empty alert before the form"),
))
CASE_LIST = Locator("case list", (
    (By.ID, "cases"),
    Strategy(By.XPATH, "(//*[@data-case-id])[1]/parent::*", "parent of the case entries"),
))
NO_CASES = Locator("no-cases note", (
    (By.ID, "no-cases"),
    *in_languages("text", f"(//*[normalize-space()={TEXT}])[last()]", i18n.NO_CASES),
))
CASE_ENTRY = Locator("case entry", ((By.CSS_SELECTOR, "li.case"), (By.CSS_SELECTOR, "[data-case-id]"),
                                    (By.XPATH, "./li")))
CASE_ID = Locator("case id", ((By.CSS_SELECTOR, ".case-id"),))


@dataclass(frozen=True)
class Case:
    case_id: str
    kind: str
    text: str


_CASES_MEMO = "help-center-cases"


class CasesPage:
    """The member's Help Center cases: how the bot knows an objection was filed before filing it again."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def cases(self) -> list[Case]:
        self.page.open(CASES_PATH)
        found, element = self.page.first_of({"list": CASE_LIST, "empty": NO_CASES})
        if found == "empty":
            return []
        return [Case(item.get_attribute("data-case-id") or _text(item, CASE_ID), item.get_attribute("data-case-type")
                     or "", item.text.strip()) for item in CASE_ENTRY.find_all(element)]


def _text(item: WebElement, locator: Locator) -> str:
    found = locator.find(item)
    return found[0].text.strip() if found else ""


def _choose(page: Page, control: WebElement, option: Locator) -> None:
    """Pick an option in a `<select>`, or in a custom listbox (open it, click the option)."""
    if control.tag_name.lower() == "select":
        found = option.find(control)
        if found is None:
            raise PageChanged(f"the {option.name} is not offered in the objection form", locator=option.name)
        page.note(option, found[1])
        if not found[0].is_selected():
            found[0].click()  # what Selenium's Select does for a single-choice <select>
        return
    if control.get_attribute("aria-haspopup") != "listbox":
        raise PageChanged(f"the objection form's dropdown is neither a <select> nor a listbox ({option.name})",
                          locator=option.name)
    if control.get_attribute("aria-expanded") != "true":
        page.click(control)
    listbox = page.wait(lambda driver: _open_listbox(driver, control), f"the list holding the {option.name}")
    choice = page.find(option, root=listbox)
    page.click(choice)
    page.wait(lambda driver: choice.get_attribute("aria-selected") == "true", f"the {option.name} to be chosen")


def _open_listbox(driver: WebDriver, button: WebElement) -> WebElement | None:
    """The listbox a dropdown button opened: the one it names in aria-controls, else the next one."""
    named = button.get_attribute("aria-controls")
    found = driver.find_elements(By.ID, named) if named else []
    if not found:
        following = LISTBOX.find(button)
        found = [following[0]] if following else []
    return found[0] if found and found[0].is_displayed() else None


def choose_objection_request(page: Page) -> None:
    """Choose "Objection or restriction request", which reveals the type-of-objection field; sends nothing."""
    _choose(page, page.find(REQUEST_TYPE), OBJECTION_REQUEST)


class ObjectionFormPage:
    """Fills and submits the form for one kind of objection."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def fill(self, option: Locator, email: str | None) -> None:
        self.page.open(FORM_PATH)
        _choose(self.page, self.page.find_in_frame(REQUEST_TYPE, FORM_FRAME), OBJECTION_REQUEST)
        _choose(self.page, self.page.find(OBJECTION_TYPE), option)
        self._fill_if_empty(EMAIL, email)
        first, last = _split_name(self.page.member_name)
        self._fill_if_empty(FIRST_NAME, first)
        self._fill_if_empty(LAST_NAME, last)

    def _fill_if_empty(self, locator: Locator, value: str | None) -> None:
        element = self.page.find(locator)
        if (element.get_attribute("value") or "").strip():
            return
        if not value:
            raise FlowError(f"the objection form needs {locator.name.removeprefix('form field ')}, "
                            "and LinkedIn did not prefill it",
                            hint="Fill the form once by hand, or report this page with `optout probe`.")
        element.send_keys(value)

    def submit(self) -> str:
        """Submit and wait for the confirmation; returns the case number."""
        button = self.page.find(SUBMIT)
        self.page.click_and_leave(button, "the page after submitting the form")
        self.page.check_loaded()
        found, element = self.page.first_of({"case": CASE_NUMBER, "error": FORM_ERROR})
        text = element.text.strip()
        self.page.top()
        if found == "error":
            raise FlowError(f"LinkedIn refused the objection form: {text}")
        match = _CASE_ID.search(text)
        return match.group(1) if match else text


def _split_name(name: str | None) -> tuple[str | None, str | None]:
    if not name:
        return None, None
    first, _, last = name.strip().partition(" ")
    return first, last or None


@dataclass
class ObjectionFlow:
    """One objection (one kind), filed at most once: the cases page is read before anything is sent."""

    name: str
    kind: str
    labels: Mapping[str, str]  # the objection's wording in each UI language
    option: Locator = field(init=False)
    is_form = True

    def __post_init__(self) -> None:
        self.option = _option(f"objection type {self.kind!r}", self.kind, self.labels)

    def check(self, page: Page) -> Reading:
        """Read from the cases page once per account; our own confirmed filings are added as they happen."""
        if _CASES_MEMO not in page.memo:
            page.memo[_CASES_MEMO] = CasesPage(page).cases()
        for case in page.memo[_CASES_MEMO]:
            if case.kind == self.kind or any(label in case.text for label in self.labels.values()):
                return Reading(State.SUBMITTED, case.case_id)
        return Reading(State.NOT_SUBMITTED)

    def apply(self, page: Page) -> Receipt:
        cases = page.memo.pop(_CASES_MEMO, [])  # until confirmed, only the cases page itself is believed
        page.drop_preload(CASES_PATH)  # a cases page loaded before this filing would not show it
        form = ObjectionFormPage(page)
        form.fill(self.option, page.member_email)
        page.capture(f"{self.name}-filled")
        case_id = form.submit()
        page.capture(f"{self.name}-confirmation")
        page.memo[_CASES_MEMO] = [*cases, Case(case_id, self.kind, "")]
        return Receipt(case_id=case_id, detail="submitted")

    def first_page(self, page: Page) -> str | None:
        return None if _CASES_MEMO in page.memo else CASES_PATH

    def prepare_verify(self, page: Page) -> bool:
        return False  # the receipt is all verify() reads

    def verify(self, page: Page, receipt: Receipt) -> Reading:
        """The confirmation page with a case number is LinkedIn's proof of receipt."""
        if not receipt.case_id:
            raise NotVerified(f"{self.name}: LinkedIn showed no case number")
        return Reading(State.SUBMITTED, receipt.case_id)

    def probe_targets(self) -> tuple[ProbeTarget, ...]:
        """The cases page, and the form up to (never including) sending it; the confirmation needs a filing."""
        form = (FIRST_NAME, LAST_NAME, EMAIL, REQUEST_TYPE, OBJECTION_REQUEST, OBJECTION_TYPE, self.option, SUBMIT)
        return (ProbeTarget("cases", CASES_PATH, one_of=(CASE_LIST, NO_CASES)),
                ProbeTarget("objection form", FORM_PATH, required=form, frame=FORM_FRAME,
                            prepare=choose_objection_request))


AI_TRAINING = ObjectionFlow(OBJECTION_AI_TRAINING, "ai-training", i18n.OBJECT_TO_AI_TRAINING)
PERSONALIZATION = ObjectionFlow(OBJECTION_PERSONALIZATION, "personalization-ml", i18n.OBJECT_TO_PERSONALIZATION)
