"""The Data Processing Objection Form (`/help/linkedin/ask/TS-DPRO`) and the Help Center's list of cases.

Field ids are unconfirmed for this form (LINKEDIN.md); the ids of its sibling form TS-RDMLP come first, then
names and labels, so a different guess on LinkedIn's side still leaves a strategy that matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select

from flows.base import Locator, Page, Reading, Receipt, State
from flows.errors import FlowError, NotVerified, PageChanged
from flows.plan import OBJECTION_AI_TRAINING, OBJECTION_PERSONALIZATION

FORM_PATH = "/help/linkedin/ask/TS-DPRO"
CASES_PATH = "/help/linkedin/cases"
OBJECTION_REQUEST = ("objection", "Objection or restriction request")


def _field(name: str, label: str) -> Locator:
    return Locator(f"form field {name}", (
        (By.ID, f"dyna-{name}"),
        (By.NAME, name),
        (By.XPATH, f'//label[normalize-space()="{label}"]/following::*[self::input or self::select][1]'),
    ))


FIRST_NAME = _field("firstname", "First name")
LAST_NAME = _field("lastname", "Last name")
EMAIL = _field("email", "Email")
REQUEST_TYPE = _field("request_type", "What would you like to do?")
OBJECTION_TYPE = _field("objection_type", "Type of objection")
SUBMIT = Locator("form submit button", (
    (By.ID, "dynaform-submit"),
    (By.CSS_SELECTOR, "form#dynaform button[type=submit]"),
    (By.XPATH, "//form[.//select]//button[@type='submit' or not(@type)]"),
))
CASE_NUMBER = Locator("case number", (
    (By.ID, "case-number"),
    (By.XPATH, "//*[contains(normalize-space(), 'case number is')][not(.//*[contains(normalize-space(), "
               "'case number is')])]"),
))
_CASE_ID = re.compile(r"case number is\s*:?\s*([A-Za-z0-9][A-Za-z0-9-]{3,})", re.IGNORECASE)
FORM_ERROR = Locator("form error", ((By.ID, "dynaform-error"),))
CASE_LIST = Locator("case list", ((By.ID, "cases"),))
NO_CASES = Locator("no-cases note", ((By.ID, "no-cases"),))


@dataclass(frozen=True)
class Case:
    case_id: str
    kind: str
    subject: str


class CasesPage:
    """The member's Help Center cases: how the bot knows an objection was filed before filing it again."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def cases(self) -> list[Case]:
        self.page.open(CASES_PATH)
        found, element = self.page.first_of({"list": CASE_LIST, "empty": NO_CASES})
        if found == "empty":
            return []
        return [Case(item.get_attribute("data-case-id") or "", item.get_attribute("data-case-type") or "",
                     _text(item, ".case-subject"))
                for item in element.find_elements(By.CSS_SELECTOR, "li.case")]


def _text(item: WebElement, css: str) -> str:
    found = item.find_elements(By.CSS_SELECTOR, css)
    return found[0].text.strip() if found else ""


def _choose(select: WebElement, value: str, label: str) -> None:
    """Pick an option by its value, else by its visible text."""
    chooser = Select(select)
    values = [option.get_attribute("value") for option in chooser.options]
    if value in values:
        chooser.select_by_value(value)
        return
    texts = [option.text.strip() for option in chooser.options]
    if label in texts:
        chooser.select_by_visible_text(label)
        return
    raise PageChanged(f"the option {label!r} is not offered in the objection form", locator=label)


class ObjectionFormPage:
    """Fills and submits the form for one kind of objection."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def fill(self, kind: str, label: str, email: str | None) -> None:
        self.page.open(FORM_PATH)
        _choose(self.page.find(REQUEST_TYPE), *OBJECTION_REQUEST)
        _choose(self.page.find(OBJECTION_TYPE), kind, label)
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
        if found == "error":
            raise FlowError(f"LinkedIn refused the objection form: {element.text.strip()}")
        text = element.text.strip()
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
    label: str
    is_form = True

    def check(self, page: Page) -> Reading:
        for case in CasesPage(page).cases():
            if case.kind == self.kind or case.subject == self.label:
                return Reading(State.SUBMITTED, case.case_id)
        return Reading(State.NOT_SUBMITTED)

    def apply(self, page: Page) -> Receipt:
        form = ObjectionFormPage(page)
        form.fill(self.kind, self.label, page.member_email)
        page.capture(f"{self.name}-filled")
        case_id = form.submit()
        page.capture(f"{self.name}-confirmation")
        return Receipt(case_id=case_id, detail="submitted")

    def verify(self, page: Page, receipt: Receipt) -> Reading:
        """The confirmation page with a case number is LinkedIn's proof of receipt."""
        if not receipt.case_id:
            raise NotVerified(f"{self.name}: LinkedIn showed no case number")
        return Reading(State.SUBMITTED, receipt.case_id)


AI_TRAINING = ObjectionFlow(OBJECTION_AI_TRAINING, "ai-training",
                            "Object to processing for training content-generating AI models")
PERSONALIZATION = ObjectionFlow(OBJECTION_PERSONALIZATION, "personalization-ml",
                                "Object to processing for personalization and other machine learning")
